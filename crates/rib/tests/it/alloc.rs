//! Bytes per route, counted by `allocation-counter`'s per-thread global allocator (so tests
//! running at the same time on other threads do not disturb the count).

use ribcage_buffer::View;
use ribcage_rib::Rib;

use crate::ris;

/// Loads the 2002 dump with `policy` and returns (routes, live heap bytes of the store, the
/// store's own estimate).
fn measured(policy: &str) -> (usize, i64, usize) {
    let mut rib = None;
    let info = allocation_counter::measure(|| {
        let mut r = Rib::new(policy.parse().unwrap());
        // The input is read and freed inside the measured section: only the store remains.
        r.load(View::from(ris("bview.20020722.2337.gz")));
        r.shrink_to_fit();
        rib = Some(r);
    });
    let rib = rib.unwrap();
    (rib.routes(), info.bytes_current, rib.heap_bytes())
}

#[test]
fn bview_2002_fits_in_32_bytes_per_route() {
    let (routes, on, on_estimate) = measured("default");
    let (_, off, _) = measured("off");
    let per_route = on as f64 / routes as f64;
    let off_per_route = off as f64 / routes as f64;
    eprintln!("2002 dump: {per_route:.1} B/route interned, {off_per_route:.1} B/route off");
    assert_eq!(routes, 115_521);
    assert!(per_route <= 32.0, "{per_route:.1} bytes/route");
    assert!(
        off_per_route > per_route * 1.5,
        "{off_per_route:.1} vs {per_route:.1}"
    );
    // The store's capacity-based estimate is close to what the allocator counted.
    let ratio = on_estimate as f64 / on as f64;
    assert!(
        (0.9..1.1).contains(&ratio),
        "estimate {on_estimate} vs counted {on}"
    );
}

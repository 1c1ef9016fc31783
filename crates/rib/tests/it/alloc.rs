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
        r.compact();
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

/// Live heap bytes of a store loaded from `data` with `policy`, and its route count.
fn heap_of(data: &[u8], policy: &str) -> (i64, usize) {
    let mut rib = None;
    let info = allocation_counter::measure(|| {
        let mut r = Rib::new(policy.parse().unwrap());
        r.load(View::from(data.to_vec()));
        r.compact();
        r.shrink_to_fit();
        rib = Some(r);
    });
    (info.bytes_current, rib.map_or(0, |r| r.routes()))
}

#[test]
fn each_extra_peer_costs_at_most_16_bytes_per_route() {
    let source = ris("bview.20020722.2337.gz");
    let table = |peers| {
        let opts = ribcage_gen::table::TableOptions {
            peers,
            max_prefixes: Some(20_000),
            ..Default::default()
        };
        let mut out = Vec::new();
        ribcage_gen::table::generate(&source, &opts, &mut out).unwrap();
        out
    };
    let (one, r1) = heap_of(&table(1), "default");
    let (four, r4) = heap_of(&table(4), "default");
    assert_eq!((r1, r4), (20_000, 80_000));
    let per_extra = (four - one) as f64 / (r4 - r1) as f64;
    eprintln!("20,000-prefix table: {per_extra:.1} B per extra peer's route");
    assert!(per_extra <= 16.0, "{per_extra:.1}");
}

#[test]
fn vpn_scenario_interned_against_off() {
    let opts = ribcage_gen::vpn::VpnOptions {
        routes: 20_000,
        ..Default::default()
    };
    let mut data = Vec::new();
    ribcage_gen::vpn::generate(&opts, &mut data).unwrap();
    let (on, routes) = heap_of(&data, "default");
    let (off, _) = heap_of(&data, "off");
    assert_eq!(routes, 20_000);
    let saved = 1.0 - on as f64 / off as f64;
    eprintln!(
        "VPNv4: {on} B interned, {off} B off: {:.0}% less",
        saved * 100.0
    );
    // Issue 7 asks for 90%: compacted keys (3 bytes for a /24 in its RD's group) and
    // 3-byte route slots (2-byte set id, 1-byte label id) leave about 6 bytes a route.
    assert!(saved >= 0.9, "{saved:.2}");
}

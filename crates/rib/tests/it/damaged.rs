//! Loading a damaged file keeps every undamaged route and counts the damage.

use ribcage_buffer::View;
use ribcage_rib::Rib;

use crate::{dump_lines, expected, ris};

#[test]
fn damaged_bview_keeps_every_undamaged_route() {
    let mut data = ris("bview.20020722.2337.gz");
    // Record boundaries (RFC 6396 §2: 12-byte header, length at bytes 8..12).
    let mut starts = Vec::new();
    let mut pos = 0;
    while pos + 12 <= data.len() {
        starts.push(pos);
        let len = u32::from_be_bytes(data[pos + 8..pos + 12].try_into().unwrap()) as usize;
        pos += 12 + len;
    }
    assert_eq!(starts.len(), 115_521);
    // Record 50,000 gets an absurd length and garbage in its body; the file loses its last
    // 10 bytes (inside the last record).
    let bad = starts[50_000];
    data[bad + 8..bad + 12].copy_from_slice(&0xffff_fff0u32.to_be_bytes());
    for b in &mut data[bad + 12..bad + 30] {
        *b = 0xa5;
    }
    data.truncate(data.len() - 10);

    let mut rib = Rib::default();
    let stats = rib.load(View::from(data));
    assert_eq!(stats.errors, 2, "{:?}", stats.first_errors);
    assert_eq!(rib.routes(), 115_521 - 2);
    let mut want = expected("bview.20020722.2337.gz");
    // bgpdump prints one line per TABLE_DUMP record, in file order.
    want.remove(115_520);
    want.remove(50_000);
    want.sort_unstable();
    let mut ours = dump_lines(&rib);
    ours.sort_unstable();
    assert_eq!(ours, want);
}

#[test]
fn garbage_loads_nothing_and_does_not_panic() {
    let mut state = 7u32;
    let garbage: Vec<u8> = (0..20_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect();
    let mut rib = Rib::default();
    let stats = rib.load(View::from(garbage));
    assert!(stats.errors >= 1);
    let _ = dump_lines(&rib);
}

#[test]
fn corrupted_bytes_never_panic() {
    // The first 16 KiB of three files (TABLE_DUMP, TABLE_DUMP_V2 with ADD-PATH, BGP4MP with
    // IPv6 and 4-byte AS), each byte flipped in turn at pseudo-random positions.
    let mut state = 0x9e37_79b9u32;
    for name in [
        "bview.20020722.2337.gz",
        "bview.ipv6_unicast_add_path.gz",
        "updates.20160811.1600.gz",
    ] {
        let mut data = ris(name);
        data.truncate(16 * 1024);
        for _ in 0..150 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % data.len();
            let mut bad = data.clone();
            bad[at] ^= (state >> 24) as u8 | 1;
            for policy in ["default", "off"] {
                let mut rib = Rib::new(policy.parse().unwrap());
                rib.load(View::from(bad.clone()));
                let _ = dump_lines(&rib);
                let _ = rib.longest_match("10.1.2.3".parse().unwrap());
                let _ = rib.prefixes();
            }
        }
    }
}

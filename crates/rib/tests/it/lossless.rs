//! `write_bgpdump` of a loaded RIB dump equals `bgpdump -vm` of the file, sorted the same way.

use ribcage_buffer::View;
use ribcage_rib::Rib;

use crate::{bview, dump_lines, expected, ris};

#[test]
fn bview_2002_dump_equals_bgpdump_sorted() {
    let (rib, stats) = bview();
    assert_eq!(stats.errors, 0, "{:?}", stats.first_errors);
    assert_eq!(stats.records, 115_521);
    assert_eq!(rib.routes(), 115_521);
    let mut ours = dump_lines(rib);
    let mut theirs = expected("bview.20020722.2337.gz");
    ours.sort_unstable();
    theirs.sort_unstable();
    assert_eq!(ours.len(), theirs.len());
    let first_diff = ours.iter().zip(&theirs).position(|(a, b)| a != b);
    assert_eq!(
        first_diff,
        None,
        "first difference: {:?}",
        first_diff.map(|i| (&ours[i], &theirs[i]))
    );
}

#[test]
fn table_dump_v2_fixtures_dump_equals_bgpdump_sorted() {
    for name in [
        "bview.64k_stream_overflow.gz",
        "bview.ipv4_unicast_add_path.gz",
        "bview.ipv6_unicast_add_path.gz",
    ] {
        for policy in ["default", "off", "all"] {
            let mut rib = Rib::new(policy.parse().unwrap());
            let stats = rib.load(View::from(ris(name)));
            assert_eq!(stats.errors, 0, "{name}: {:?}", stats.first_errors);
            let mut ours = dump_lines(&rib);
            let mut theirs = expected(name);
            ours.sort_unstable();
            theirs.sort_unstable();
            assert_eq!(ours, theirs, "{name} with --intern {policy}");
        }
    }
}

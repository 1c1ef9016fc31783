//! Route elements over the RIS captures: counts agree with bgpdump's line counts, contexts come
//! from the subtype.

use ribcage_buffer::View;
use ribcage_mrt::{Action, Decoder, Element, Records};

use crate::{gunzip, ris, RIS_FILES};

#[test]
fn element_counts_match_bgpdump_line_counts() {
    for name in RIS_FILES {
        let mut decoder = Decoder::new();
        let mut n = 0usize;
        let mut errors = 0usize;
        for rec in Records::new(View::from(ris(name))) {
            let rec = rec.expect("frames");
            match decoder.elements(&rec) {
                Ok(els) => {
                    for e in els {
                        match e {
                            Ok(_) => n += 1,
                            Err(_) => errors += 1,
                        }
                    }
                }
                Err(_) => errors += 1,
            }
        }
        let path = format!(
            "{}/../../testdata/ris/expected/{name}.bgp.gz",
            env!("CARGO_MANIFEST_DIR")
        );
        let want = gunzip(&std::fs::read(path).unwrap());
        let lines = want.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(n, lines, "{name}");
        let expect_errors = usize::from(*name == "updates.nlri_mask_trailing_bits.gz");
        assert_eq!(errors, expect_errors, "{name}");
    }
}

#[test]
fn add_path_rib_entries_carry_path_ids() {
    let mut decoder = Decoder::new();
    let mut ids = Vec::new();
    for rec in Records::new(View::from(ris("bview.ipv4_unicast_add_path.gz"))) {
        let rec = rec.unwrap();
        for e in decoder.elements(&rec).unwrap() {
            let Element::Route(r) = e.unwrap() else {
                panic!("RIB records give routes")
            };
            assert_eq!(r.action, Action::Rib);
            assert!(r.context.four_byte_as());
            ids.push((r.nlri.prefix().unwrap().to_string(), r.path_id.unwrap()));
        }
    }
    assert_eq!(ids.len(), 62);
    assert_eq!(ids[0], ("10.0.10.0/24".to_string(), 36));
    assert_eq!(ids[1], ("10.0.10.0/24".to_string(), 38));
}

#[test]
fn two_byte_as_updates_get_a_two_byte_context() {
    let mut decoder = Decoder::new();
    let mut states = 0;
    let mut routes = 0;
    for rec in Records::new(View::from(ris("updates.20020722.2238.gz"))) {
        let rec = rec.unwrap();
        for e in decoder.elements(&rec).unwrap() {
            match e.unwrap() {
                Element::Route(r) => {
                    assert!(!r.context.four_byte_as());
                    routes += 1;
                }
                Element::State(_) => states += 1,
            }
        }
    }
    assert_eq!(states, 93);
    assert_eq!(routes, 3337 - 93);
}

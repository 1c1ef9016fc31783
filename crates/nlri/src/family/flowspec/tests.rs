//! Unit tests of FlowSpec operators and lengths.

use super::{read_len, Op};
use crate::family::wire::Reader;
use crate::{Afi, Error, Family, Safi};

#[test]
fn numeric_operator_text() {
    let texts: Vec<&str> = (0u8..8)
        .map(|bits| {
            Op {
                operator: bits,
                value: 0,
            }
            .numeric_op()
        })
        .collect();
    assert_eq!(texts, ["false", "=", ">", ">=", "<", "<=", "!=", "true"]);
}

#[test]
fn operator_bits() {
    let op = Op {
        operator: 0xf3,
        value: 1,
    };
    assert!(op.end() && op.and());
    assert_eq!(op.value_len(), 8);
    assert!(op.not() && op.matches());
    assert!(!op.lt() && op.gt() && op.eq());
    assert_eq!(
        Op {
            operator: 0x20,
            value: 0
        }
        .value_len(),
        4
    );
}

#[test]
fn one_and_two_octet_lengths() {
    let f = Family::new(Afi::IPV4, Safi::FLOWSPEC);
    let mut r = Reader::new(f, &[0xef], 0);
    assert_eq!(read_len(&mut r), Ok((0xef, 1)));
    let mut r = Reader::new(f, &[0xf0, 0xf0], 0);
    assert_eq!(read_len(&mut r), Ok((0xf0, 2)));
    let mut r = Reader::new(f, &[0xff, 0xff], 0);
    assert_eq!(read_len(&mut r), Ok((0xfff, 2)));
    let mut r = Reader::new(f, &[0xf1], 5);
    assert_eq!(
        read_len(&mut r),
        Err(Error::Truncated {
            family: f,
            needed: 1,
            available: 0,
            offset: 6
        })
    );
}

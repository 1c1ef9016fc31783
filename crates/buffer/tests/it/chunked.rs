//! Property tests: whatever sizes the reads come in, the readers yield exactly the items they
//! yield from the whole input at once, and exactly the messages and records that were written.

use proptest::collection::vec;
use proptest::prelude::*;
use ribcage_buffer::{BgpMessage, MessageReader, MrtReader, MrtRecord, MrtType};

use crate::util::{bgp, mrt, Chunked};

/// A valid BGP message: (type, body) with the body at least the type's minimum.
fn bgp_message() -> impl Strategy<Value = (u8, Vec<u8>)> {
    prop_oneof![
        Just((4u8, Vec::new())),
        (1u8..=5, 0usize..300).prop_filter_map("keepalive has no body", |(t, extra)| {
            let min_body = [10usize, 4, 2, 0, 4][usize::from(t - 1)];
            (t != 4).then(|| (t, vec![t; min_body + extra]))
        }),
        // Now and then one close to the 4096-byte limit.
        (3900usize..=4077).prop_map(|n| (2u8, vec![0xab; n])),
    ]
}

/// A valid MRT record: (timestamp, type, subtype, message field).
fn mrt_record() -> impl Strategy<Value = (u32, u16, u16, Vec<u8>)> {
    let mrt_type = prop_oneof![
        Just(12u16),
        Just(13),
        Just(16),
        Just(17),
        Just(33),
        Just(49),
        any::<u16>()
    ];
    (
        any::<u32>(),
        mrt_type,
        any::<u16>(),
        vec(any::<u8>(), 0..400),
    )
        .prop_map(|(ts, t, s, mut body)| {
            if MrtType(t).has_microseconds() && body.len() < 4 {
                body.resize(4, 7);
            }
            (ts, t, s, body)
        })
}

/// Items as comparable values: errors by their `Debug` text.
fn collect<T, I: Iterator<Item = Result<T, ribcage_buffer::Error>>>(
    it: I,
) -> Vec<Result<T, String>> {
    it.map(|r| r.map_err(|e| format!("{e:?}"))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn bgp_chunking_does_not_change_messages(
        msgs in vec(bgp_message(), 0..40),
        sizes in vec(1usize..=700, 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut data = Vec::new();
        let mut expected = Vec::new();
        for (t, body) in &msgs {
            let m = bgp(*t, body);
            expected.push((*t, data.len(), m.clone()));
            data.extend(m);
        }
        if truncate && !data.is_empty() {
            data.truncate(cut.index(data.len()));
        }
        let whole = collect(MessageReader::new(&data[..]));
        let chunked = collect(MessageReader::new(Chunked::new(data.clone(), sizes)));
        prop_assert_eq!(&whole, &chunked);
        // Every message that fits is yielded exactly as written, then at most one error.
        let complete = expected.iter().take_while(|(_, off, m)| off + m.len() <= data.len());
        for (got, (t, off, m)) in whole.iter().zip(complete.clone()) {
            let got: &BgpMessage = got.as_ref().unwrap();
            prop_assert_eq!(got.msg_type.0, *t);
            prop_assert_eq!(got.offset, *off);
            prop_assert_eq!(got.bytes.offset(), *off);
            prop_assert_eq!(got.bytes.as_slice(), &m[..]);
        }
        let n = complete.count();
        let framed: usize = expected.iter().take(n).map(|(_, _, m)| m.len()).sum();
        if framed == data.len() {
            prop_assert_eq!(whole.len(), n);
        } else {
            prop_assert_eq!(whole.len(), n + 1);
            let err = whole[n].as_ref().unwrap_err();
            prop_assert!(err.starts_with("Truncated"), "{}", err);
            prop_assert!(err.contains(&format!("offset: {framed} ")), "{}", err);
        }
    }

    #[test]
    fn mrt_chunking_does_not_change_records(
        recs in vec(mrt_record(), 0..40),
        sizes in vec(1usize..=700, 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut data = Vec::new();
        let mut expected = Vec::new();
        for (ts, t, s, body) in &recs {
            let r = mrt(*ts, *t, *s, body);
            expected.push((data.len(), r.clone()));
            data.extend(r);
        }
        if truncate && !data.is_empty() {
            data.truncate(cut.index(data.len()));
        }
        let whole = collect(MrtReader::new(&data[..]));
        let chunked = collect(MrtReader::new(Chunked::new(data.clone(), sizes)));
        prop_assert_eq!(&whole, &chunked);
        // The in-memory splitter agrees with the stream reader.
        let mut rest = ribcage_buffer::View::from(data.clone());
        for item in &whole {
            match item {
                Ok(r) => {
                    let (s, next) = MrtRecord::split(&rest, ribcage_buffer::DEFAULT_MAX_RECORD_LEN)
                        .unwrap();
                    prop_assert_eq!(&s, r);
                    rest = next;
                }
                Err(e) => {
                    let s = MrtRecord::split(&rest, ribcage_buffer::DEFAULT_MAX_RECORD_LEN)
                        .unwrap_err();
                    prop_assert_eq!(&format!("{s:?}"), e);
                }
            }
        }
        let complete: Vec<_> = expected
            .iter()
            .zip(&recs)
            .take_while(|((off, r), _)| off + r.len() <= data.len())
            .collect();
        for (got, ((off, _), (ts, t, s, body))) in whole.iter().zip(&complete) {
            let got = got.as_ref().unwrap();
            prop_assert_eq!(got.offset, *off);
            prop_assert_eq!(got.timestamp, *ts);
            prop_assert_eq!(got.mrt_type.0, *t);
            prop_assert_eq!(got.subtype, *s);
            if MrtType(*t).has_microseconds() {
                let micro = u32::from_be_bytes([body[0], body[1], body[2], body[3]]);
                prop_assert_eq!(got.microseconds, Some(micro));
                prop_assert_eq!(got.body.as_slice(), &body[4..]);
                prop_assert_eq!(got.body.offset(), off + 16);
            } else {
                prop_assert_eq!(got.microseconds, None);
                prop_assert_eq!(got.body.as_slice(), &body[..]);
                prop_assert_eq!(got.body.offset(), off + 12);
            }
        }
        let framed: usize = complete.iter().map(|((_, r), _)| r.len()).sum();
        prop_assert_eq!(whole.len(), complete.len() + usize::from(framed != data.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Arbitrary bytes never panic or hang either reader: each ends, an error only last, and
    /// the bytes framed before it add up to where the error or the end is.
    #[test]
    fn garbage_ends_cleanly(
        data in vec(any::<u8>(), 0..3000),
        sizes in vec(1usize..=300, 1..4),
        extended in any::<bool>(),
        max in 0usize..2000,
    ) {
        let items = collect(
            MessageReader::new(Chunked::new(data.clone(), sizes.clone()))
                .with_extended_messages(extended),
        );
        let framed: usize = items.iter().filter_map(|i| i.as_ref().ok()).map(|m| m.length()).sum();
        prop_assert!(items.iter().rev().skip(1).all(Result::is_ok));
        prop_assert!(framed <= data.len());
        if items.last().is_some_and(Result::is_ok) || items.is_empty() {
            prop_assert_eq!(framed, data.len());
        }

        let items = collect(MrtReader::new(Chunked::new(data.clone(), sizes)).with_max_record_len(max));
        let framed: usize = items.iter().filter_map(|i| i.as_ref().ok()).map(|r| r.wire_len()).sum();
        prop_assert!(items.iter().rev().skip(1).all(Result::is_ok));
        if items.last().is_some_and(Result::is_ok) || items.is_empty() {
            prop_assert_eq!(framed, data.len());
        }
    }
}

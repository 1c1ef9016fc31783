//! Allocations per framed message, counted by `allocation-counter`'s per-thread global
//! allocator.
//!
//! Measured (both readers): a warmed-up reader whose caller drops each item before asking for
//! the next frames 10,000 messages (or records) with **0 allocations**: each `split_to().freeze()`
//! only bumps the shared buffer's reference count, and once the buffer is spent `try_reclaim`
//! reuses it in place. When the caller keeps every item, the reader must start a new buffer each
//! time the old one fills: 2 allocations (the buffer and `bytes`' shared header) per 64 KiB
//! of input, measured as 40 for the 10,000 BGP messages below (1.36 MB).

use std::hint::black_box;
use std::io::Cursor;

use ribcage_buffer::{MessageReader, MrtReader};

use crate::util::{bgp, mrt};

/// UPDATE-sized messages of varied lengths (23..=249 bytes), `n` of them.
fn bgp_stream(n: usize) -> Vec<u8> {
    (0..n)
        .flat_map(|i| bgp(2, &vec![(i % 251) as u8; 4 + (i * 37) % 227]))
        .collect()
}

#[test]
fn bgp_framing_allocates_nothing_per_message_once_warm() {
    let mut reader = MessageReader::new(Cursor::new(bgp_stream(12_000)));
    for msg in reader.by_ref().take(1_000) {
        black_box(msg.unwrap());
    }
    let mut framed = 0;
    let info = allocation_counter::measure(|| {
        for msg in reader.by_ref().take(10_000) {
            black_box(msg.unwrap());
            framed += 1;
        }
    });
    assert_eq!(framed, 10_000);
    assert_eq!(info.count_total, 0, "{info:?}");
}

#[test]
fn mrt_framing_allocates_nothing_per_record_once_warm() {
    let data: Vec<u8> = (0..12_000u32)
        .flat_map(|i| {
            mrt(
                i,
                [16, 17, 13][i as usize % 3],
                4,
                &vec![1; 4 + (i as usize * 53) % 400],
            )
        })
        .collect();
    let mut reader = MrtReader::new(Cursor::new(data));
    for rec in reader.by_ref().take(1_000) {
        black_box(rec.unwrap());
    }
    let mut framed = 0;
    let info = allocation_counter::measure(|| {
        for rec in reader.by_ref().take(10_000) {
            black_box(rec.unwrap());
            framed += 1;
        }
    });
    assert_eq!(framed, 10_000);
    assert_eq!(info.count_total, 0, "{info:?}");
}

#[test]
fn kept_messages_cost_two_allocations_per_buffer() {
    let data = bgp_stream(11_000);
    let mut reader = MessageReader::new(Cursor::new(data));
    let mut kept = Vec::with_capacity(11_000);
    for msg in reader.by_ref().take(1_000) {
        kept.push(msg.unwrap());
    }
    let info = allocation_counter::measure(|| {
        for msg in reader.by_ref().take(10_000) {
            kept.push(msg.unwrap());
        }
    });
    let bytes: usize = kept[1_000..].iter().map(|m| m.length()).sum();
    // Two allocations per 64 KiB buffer filled, plus at most two for a partly filled one.
    let buffers = bytes.div_ceil(64 * 1024) as u64;
    assert!(
        info.count_total <= 2 * buffers + 2,
        "{info:?}, {bytes} bytes"
    );
    assert!(info.count_total >= buffers, "{info:?}, {bytes} bytes");
    eprintln!("kept 10,000 messages ({bytes} bytes): {info:?}");
}

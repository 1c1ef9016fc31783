//! Throughput of `Update::parse` plus a full walk (attributes, all NLRI, RFC 7606 problems),
//! and of `AttributeCache::intern_set`, over the UPDATEs of a BGP4MP file (default: the 2016
//! RIS update file bundled in testdata/ris). Prints the figures recorded in
//! docs/bench/attributes.md.
//!
//! `cargo run --release -p ribcage-attributes --example decode_speed [FILE.gz]`

mod common;

use std::hint::black_box;
use std::time::Instant;

use ribcage_attributes::{AttributeCache, Update};
use ribcage_nlri::{DecodeContext, Registry};

/// (message, 4-byte AS) of every BGP4MP MESSAGE / MESSAGE_AS4 UPDATE.
fn updates(data: &[u8]) -> Vec<(&[u8], bool)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(h) = data.get(pos..pos + 12) {
        let len = u32::from_be_bytes([h[8], h[9], h[10], h[11]]) as usize;
        let Some(b) = data.get(pos + 12..pos + 12 + len) else {
            break;
        };
        pos += 12 + len;
        let (typ, sub) = (
            u16::from_be_bytes([h[4], h[5]]),
            u16::from_be_bytes([h[6], h[7]]),
        );
        if typ != 16 || !(sub == 1 || sub == 4) {
            continue;
        }
        let four = sub == 4;
        let rest = if four { &b[8..] } else { &b[4..] };
        let alen = if u16::from_be_bytes([rest[2], rest[3]]) == 2 {
            16
        } else {
            4
        };
        let msg = &rest[4 + 2 * alen..];
        if msg.get(18) == Some(&2) {
            out.push((msg, four));
        }
    }
    out
}

fn main() {
    let (path, data) = common::read_gz_arg("updates.20160811.1600.gz");
    let msgs = updates(&data);
    let bytes: usize = msgs.iter().map(|(m, _)| m.len()).sum();
    let registry = Registry::default();
    let four = DecodeContext::default();
    let two = DecodeContext::default().with_four_byte_as(false);
    let ctx = |f: bool| if f { &four } else { &two };
    let rounds = 20;

    let start = Instant::now();
    for _ in 0..rounds {
        for (m, f) in &msgs {
            let u = Update::from_message(m, 0, ctx(*f), &registry).unwrap();
            black_box(u.outcome());
        }
    }
    let parse = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for (m, f) in &msgs {
            let u = Update::from_message(m, 0, ctx(*f), &registry).unwrap();
            for a in u.attributes() {
                black_box(a.is_ok());
            }
            n += u.all_announced().chain(u.all_withdrawn()).count();
            black_box(u.merged_as_path().map(|p| p.path_len()).ok());
            black_box(u.communities().ok());
        }
    }
    let walk = start.elapsed().as_secs_f64();

    let cache = AttributeCache::default();
    let start = Instant::now();
    let mut keep = Vec::with_capacity(msgs.len());
    for (m, f) in &msgs {
        let u = Update::from_message(m, 0, ctx(*f), &registry).unwrap();
        keep.push(cache.intern_set(&u));
    }
    let intern = start.elapsed().as_secs_f64();
    let st = cache.stats().sets;

    let total = (msgs.len() * rounds) as f64;
    println!(
        "input: {path}: {} UPDATEs, {bytes} bytes, {} NLRI per round",
        msgs.len(),
        n / rounds
    );
    println!("| operation | UPDATEs/s | MB/s | ns/UPDATE |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, secs, count) in [
        (
            "Update::from_message (framing + RFC 7606 checks)",
            parse,
            total,
        ),
        (
            "parse + walk attributes, all NLRI, AS path, communities",
            walk,
            total,
        ),
        (
            "parse + AttributeCache::intern_set (one pass, cold cache)",
            intern,
            msgs.len() as f64,
        ),
    ] {
        let per = if count == total {
            bytes as f64 * rounds as f64
        } else {
            bytes as f64
        };
        println!(
            "| {name} | {:.0} | {:.0} | {:.0} |",
            count / secs,
            per / secs / 1e6,
            secs / count * 1e9
        );
    }
    println!(
        "sets interned: {} calls, {} distinct, hit rate {:.1}%",
        st.calls,
        st.live_entries,
        100.0 * st.hits as f64 / st.calls as f64
    );
}

//! Deliberately damaged copies of real files: every record before and after the damage must
//! still come out, and the damage must be reported.

use ribcage_buffer::View;
use ribcage_mrt::{MrtRecord, Records};

use crate::bgpdump::render;
use crate::ris;

/// (offset, wire bytes) of every record of an undamaged input.
fn frames(data: &[u8]) -> Vec<(usize, Vec<u8>)> {
    Records::new(View::from(data.to_vec()))
        .map(|r| {
            let r: MrtRecord = r.expect("clean input frames");
            let hdr = r.body.offset() - r.offset;
            (
                r.offset,
                data[r.offset..r.offset + hdr + r.body.len()].to_vec(),
            )
        })
        .collect()
}

/// A reader that hands out at most `chunk` bytes per read, to exercise the streaming window.
struct Chunky {
    data: Vec<u8>,
    pos: usize,
    chunk: usize,
}

impl std::io::Read for Chunky {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.chunk).min(self.data.len() - self.pos);
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The wire bytes of every record framed from a damaged input, and the number of errors;
/// framed in memory and streamed in odd-sized chunks, which must agree.
fn reframe(data: Vec<u8>) -> (Vec<Vec<u8>>, usize) {
    let collect = |records: Records| {
        let mut out = Vec::new();
        let mut errors = 0;
        for r in records {
            match r {
                Ok(r) => {
                    let hdr = r.body.offset() - r.offset;
                    out.push(data[r.offset..r.offset + hdr + r.body.len()].to_vec());
                }
                Err(_) => errors += 1,
            }
        }
        (out, errors)
    };
    let mem = collect(Records::new(View::from(data.clone())));
    let streamed = collect(Records::from_reader(Chunky {
        data: data.clone(),
        pos: 0,
        chunk: 4093,
    }));
    assert!(mem == streamed, "in-memory and streamed framing differ");
    // Borrowed from the framer's window (the streamed one reusing its chunk): the same.
    let borrowed = |mut records: Records| {
        let mut out = Vec::new();
        let mut errors = 0;
        while let Some(r) = records.next_ref() {
            match r {
                Ok(r) => {
                    let hdr = r.body.position() - r.offset;
                    assert_eq!(
                        r.body.rest(),
                        &data[r.body.position()..][..r.body.remaining()]
                    );
                    out.push(data[r.offset..r.offset + hdr + r.body.remaining()].to_vec());
                }
                Err(_) => errors += 1,
            }
        }
        (out, errors)
    };
    assert!(mem == borrowed(Records::new(View::from(data.clone()))));
    let chunky = Chunky {
        data: data.clone(),
        pos: 0,
        chunk: 4093,
    };
    assert!(mem == borrowed(Records::from_reader(chunky)));
    mem
}

/// Asserts `got` holds every frame of `want` except those at `lost`, in order.
fn assert_all_but(want: &[(usize, Vec<u8>)], got: &[Vec<u8>], lost: &[usize]) {
    let expect: Vec<&Vec<u8>> = want
        .iter()
        .enumerate()
        .filter(|(i, _)| !lost.contains(i))
        .map(|(_, (_, f))| f)
        .collect();
    let got: Vec<&Vec<u8>> = got.iter().collect();
    assert_eq!(expect.len(), got.len(), "record count");
    assert!(expect == got, "records differ");
}

const FILE: &str = "updates.20160811.1600.gz";

#[test]
fn truncated_file_keeps_every_complete_record() {
    let data = ris(FILE);
    let want = frames(&data);
    let k = want.len() / 2;
    let cut = want[k].0 + want[k].1.len() / 2;
    let (got, errors) = reframe(data[..cut].to_vec());
    assert_eq!(errors, 1);
    assert_all_but(&want[..=k], &got, &[k]);
}

#[test]
fn corrupt_length_loses_only_that_record() {
    let data = ris(FILE);
    let want = frames(&data);
    for (k, delta) in [
        (100usize, 1000i64),
        (200, -7),
        (300, 1 << 30),
        (want.len() - 2, 3),
    ] {
        let mut bad = data.clone();
        let at = want[k].0 + 8;
        let len = u32::from_be_bytes(bad[at..at + 4].try_into().unwrap());
        let new = (i64::from(len) + delta) as u32;
        bad[at..at + 4].copy_from_slice(&new.to_be_bytes());
        let (got, errors) = reframe(bad);
        assert_eq!(errors, 1, "record {k} delta {delta}");
        assert_all_but(&want, &got, &[k]);
    }
}

#[test]
fn garbage_in_the_middle_is_skipped() {
    let data = ris(FILE);
    let want = frames(&data);
    let k = 1234;
    let at = want[k].0;
    let mut bad = data[..at].to_vec();
    // Deterministic pseudo-random garbage.
    let mut x = 0x9e37_79b9_u32;
    for _ in 0..5000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bad.push(x as u8);
    }
    bad.extend_from_slice(&data[at..]);
    let (got, errors) = reframe(bad);
    assert_eq!(errors, 1);
    assert_all_but(&want, &got, &[]);
}

#[test]
fn garbage_over_a_header_loses_only_that_record() {
    let data = ris(FILE);
    let want = frames(&data);
    let k = 4321;
    let mut bad = data.clone();
    for b in &mut bad[want[k].0..want[k].0 + 12] {
        *b = 0xee;
    }
    let (got, errors) = reframe(bad);
    assert_eq!(errors, 1);
    assert_all_but(&want, &got, &[k]);
}

#[test]
fn a_broken_attribute_is_reported_and_the_rest_decodes() {
    let data = ris(FILE);
    let (clean, bad0) = render(data.clone());
    assert_eq!(bad0, 0);
    let want = frames(&data);
    // Find an UPDATE with attributes and make its first attribute's length overrun.
    let k = 500;
    let mut bad = data.clone();
    let rec = want[k].0;
    // BGP4MP MESSAGE_AS4 (subtype 4): the body starts after the 12-byte header; peer and local
    // AS (8), ifindex (2), AFI (2), addresses (8 or 32), marker (16), length (2), type (1).
    let afi = u16::from_be_bytes([bad[rec + 22], bad[rec + 23]]);
    let msg = rec + 12 + 12 + if afi == 1 { 8 } else { 32 };
    let body = msg + 19;
    let wlen = usize::from(u16::from_be_bytes([bad[body], bad[body + 1]]));
    let attrs = body + 2 + wlen + 2;
    bad[attrs + 2] = 0xff;
    let (out, bad_count) = render(bad);
    assert_eq!(bad_count, 1);
    // Every line of the clean output that does not come from the damaged record is there.
    let clean_lines: Vec<&[u8]> = clean.split(|&b| b == b'\n').collect();
    let got_lines: Vec<&[u8]> = out.split(|&b| b == b'\n').collect();
    assert!(got_lines.len() <= clean_lines.len());
    assert!(clean_lines.len() - got_lines.len() < 50);
    let first_diff = clean_lines
        .iter()
        .zip(&got_lines)
        .position(|(a, b)| a != b)
        .expect("some line changed");
    let tail = got_lines.len() - first_diff;
    let from_end = &clean_lines[clean_lines.len() - tail..];
    // Past the damaged record's lines the outputs agree again.
    let resync = (0..tail)
        .position(|i| got_lines[first_diff + i..] == from_end[i..])
        .expect("outputs agree after the damage");
    assert!(resync < 50);
}

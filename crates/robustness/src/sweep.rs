//! Corruption sweeps: seeded damage to real MRT data, checking that decoding survives it and
//! that every record the damage did not touch decodes exactly as it did undamaged.
//!
//! A trial takes a window of whole records from one RIS capture (the file's PEER_INDEX_TABLE
//! first, when it has one), damages it with one to three operations (flip bytes, overwrite a run
//! with garbage, splice garbage in, truncate), and decodes both copies record by record as
//! `ribcage dump` does: resynchronising framing ([`Records`]), then the bgpdump formatter and the
//! element decoder with every route's path attributes. A record's decoded output is computed
//! from its own bytes, with offsets relative to the record, so an untouched record that moved
//! (garbage spliced before it) must still print the same.
//!
//! A record is *untouched* when its bytes appear unchanged and contiguous in the damaged copy;
//! a TABLE_DUMP_V2 RIB record also needs the PEER_INDEX_TABLE it depends on to be untouched
//! (damage to that table changes how the RIB records that follow it decode). The trial fails
//! when an untouched record is lost or decodes differently, or when a framing error points into
//! an untouched record. Damaged records are reported with their offsets.

use std::fmt::Write as _;

use ribcage_buffer::{MrtRecord, View};
use ribcage_mrt::bgpdump::Bgpdump;
use ribcage_mrt::{Decoder, Element, MrtType, Records};
use ribcage_nlri::Registry;

use crate::Rng;

/// One damage operation, in the coordinates of the buffer at the time it is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// `byte ^= mask` at `at`.
    Flip {
        /// Position.
        at: usize,
        /// Non-zero XOR mask.
        mask: u8,
    },
    /// `len` bytes from `at` replaced with garbage.
    Overwrite {
        /// Position.
        at: usize,
        /// Bytes replaced.
        len: usize,
    },
    /// `len` garbage bytes inserted at `at`.
    Splice {
        /// Position.
        at: usize,
        /// Bytes inserted.
        len: usize,
    },
    /// Everything from `at` on removed.
    Truncate {
        /// New length.
        at: usize,
    },
}

/// A damaged region or record the decoder reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reported {
    /// Absolute offset in the damaged input.
    pub offset: usize,
    /// The error, as displayed.
    pub error: String,
}

/// The result of one trial.
#[derive(Clone, Debug, Default)]
pub struct TrialReport {
    /// The capture the window came from.
    pub file: &'static str,
    /// The trial's seed.
    pub seed: u64,
    /// Window length before damage.
    pub window: usize,
    /// The damage applied, in order.
    pub damage: Vec<Damage>,
    /// Records in the undamaged window.
    pub records: usize,
    /// Of those, records the damage did not touch (all decoded identically, or the trial
    /// failed).
    pub untouched: usize,
    /// Framing errors and record decoding errors the decoder reported, with offsets.
    pub reported: Vec<Reported>,
    /// Failures: an untouched record lost or decoded differently, or an error inside one.
    pub failures: Vec<String>,
    /// Untouched records swallowed by a damaged neighbour: a record whose length field the
    /// damage changed so that it frames plausibly over the next record(s). The framer cuts a
    /// BGP4MP record back to its BGP message or state change (FUZZING.md, "Sweep findings",
    /// 3); what is left is a neighbour whose peering fields or marker were damaged too, and
    /// other types. Counted, not failed; the CI seeds have none.
    pub swallowed: Vec<String>,
    /// Untouched records lost the way FUZZING.md's fixed "Sweep findings" 1 and 2 lost them:
    /// `sandwiched` (both neighbours damaged) or `poisoned` (the first record framed was
    /// damaged). Counted separately so that a return of either is named; the CI seeds have
    /// none, and any other loss fails the trial.
    pub known: Vec<String>,
}

/// One record decoded from its own bytes (offsets relative to the record): the bgpdump lines,
/// then every element with its path attributes.
fn decode_record(
    wire: &[u8],
    fmt: &mut Bgpdump,
    decoder: &mut Decoder,
    registry: &Registry,
) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::new();
    let mut error = None;
    let (record, _) = match MrtRecord::split(&View::from(wire.to_vec()), usize::MAX) {
        Ok(r) => r,
        Err(e) => return (format!("frame: {e}").into_bytes(), Some(e.to_string())),
    };
    if let Err(e) = fmt.write_record(&record, &mut out) {
        out.extend_from_slice(format!("bgpdump: {e}\n").as_bytes());
        error = Some(e.to_string());
    }
    let mut text = String::new();
    match decoder.elements(&record) {
        Err(e) => {
            let _ = writeln!(text, "elements: {e}");
            error = Some(e.to_string());
        }
        Ok(elements) => {
            let mut last_block = None;
            for el in elements {
                match el {
                    Ok(Element::Route(r)) => {
                        let nlri = match r.nlri {
                            ribcage_mrt::RouteNlri::Wire(n) => n.to_string(),
                            ribcage_mrt::RouteNlri::Prefix(p) => p.to_string(),
                        };
                        let _ = writeln!(
                            text,
                            "{:?} {} {nlri} {:?} {:?} {}/{}",
                            r.action,
                            r.family,
                            r.path_id,
                            r.next_hop(),
                            r.peer_ip,
                            r.peer_as,
                        );
                        // The routes of one record share their attribute block: print it once
                        // (it may list thousands of NLRI itself).
                        let block = (r.attributes.position(), r.attributes.rest().len(), r.action);
                        if last_block != Some(block) {
                            last_block = Some(block);
                            let attrs = r.path_attributes(registry);
                            let _ = writeln!(text, "  [{}]", attrs.to_string().replace('\n', "; "));
                            for p in attrs.problems(true, false) {
                                let _ = writeln!(text, "  problem {p}");
                            }
                        }
                    }
                    Ok(Element::State(s)) => {
                        let _ = writeln!(text, "{s:?}");
                    }
                    Err(e) => {
                        let _ = writeln!(text, "element: {e}");
                        error.get_or_insert_with(|| e.to_string());
                    }
                }
            }
        }
    }
    out.extend_from_slice(text.as_bytes());
    (out, error)
}

/// A decoded record of a (damaged or not) input.
struct Decoded {
    /// Absolute offset and wire length.
    offset: usize,
    len: usize,
    /// Whether it is a TABLE_DUMP_V2 PEER_INDEX_TABLE, or a record whose decoding depends on
    /// one (the other TABLE_DUMP_V2 subtypes).
    peer_table: bool,
    rib: bool,
    output: Vec<u8>,
}

/// Decodes an input record by record. Returns the records and the errors reported.
fn decode_input(data: &[u8]) -> (Vec<Decoded>, Vec<Reported>) {
    let mut fmt = Bgpdump::new();
    let mut decoder = Decoder::new();
    let registry = Registry::BUILTIN;
    let mut records = Vec::new();
    let mut reported = Vec::new();
    for r in Records::new(View::from(data.to_vec())) {
        match r {
            Ok(rec) => {
                let len = rec.wire_len();
                let wire = &data[rec.offset..rec.offset + len];
                let (output, error) = decode_record(wire, &mut fmt, &mut decoder, &registry);
                if let Some(error) = error {
                    reported.push(Reported {
                        offset: rec.offset,
                        error,
                    });
                }
                let td2 = rec.mrt_type == MrtType::TABLE_DUMP_V2;
                records.push(Decoded {
                    offset: rec.offset,
                    len,
                    peer_table: td2 && rec.subtype == 1,
                    rib: td2 && rec.subtype != 1,
                    output,
                });
            }
            Err(e) => reported.push(Reported {
                offset: e.offset(),
                error: e.to_string(),
            }),
        }
    }
    (records, reported)
}

/// Applies `damage` to `data`, keeping `origin[i]`, the undamaged position of byte `i` (or
/// `u32::MAX` for garbage and changed bytes).
fn apply(data: &mut Vec<u8>, origin: &mut Vec<u32>, damage: &Damage, rng: &mut Rng) {
    match *damage {
        Damage::Flip { at, mask } => {
            data[at] ^= mask;
            origin[at] = u32::MAX;
        }
        Damage::Overwrite { at, len } => {
            for i in at..at + len {
                data[i] = rng.byte();
                origin[i] = u32::MAX;
            }
        }
        Damage::Splice { at, len } => {
            let garbage: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
            data.splice(at..at, garbage);
            origin.splice(at..at, std::iter::repeat_n(u32::MAX, len));
        }
        Damage::Truncate { at } => {
            data.truncate(at);
            origin.truncate(at);
        }
    }
}

/// Picks one damage operation for a buffer of `len` bytes (`len` > 0).
fn pick(rng: &mut Rng, len: usize, allow_truncate: bool) -> Damage {
    let at = rng.below(len);
    let long = rng.below(4) == 0;
    match rng.below(if allow_truncate { 10 } else { 9 }) {
        0..=3 => Damage::Flip {
            at,
            mask: (1 << rng.below(8)) | (u8::from(rng.below(4) == 0) * rng.byte()),
        }
        .nonzero(),
        4 | 5 => Damage::Overwrite {
            at,
            len: (1 + rng.below(if long { 600 } else { 16 })).min(len - at),
        },
        6..=8 => Damage::Splice {
            at,
            len: 1 + rng.below(if long { 3000 } else { 40 }),
        },
        _ => Damage::Truncate { at },
    }
}

impl Damage {
    fn nonzero(self) -> Self {
        match self {
            Damage::Flip { at, mask: 0 } => Damage::Flip { at, mask: 1 },
            d => d,
        }
    }
}

/// A capture cut into records once, for many trials.
#[derive(Clone, Debug)]
pub struct Capture {
    /// The file name.
    pub name: &'static str,
    /// The undamaged bytes.
    pub data: Vec<u8>,
    /// (offset, length, is a PEER_INDEX_TABLE) of every record.
    frames: Vec<(usize, usize, bool)>,
}

impl Capture {
    /// Frames `data` (a capture that frames cleanly).
    pub fn new(name: &'static str, data: Vec<u8>) -> Self {
        let frames = Records::new(View::from(data.clone()))
            .flatten()
            .map(|r| {
                (
                    r.offset,
                    r.wire_len(),
                    r.mrt_type == MrtType::TABLE_DUMP_V2 && r.subtype == 1,
                )
            })
            .collect();
        Self { name, data, frames }
    }

    /// A bundled RIS capture.
    pub fn ris(name: &'static str) -> Self {
        Self::new(name, crate::fixtures::ris(name))
    }

    /// Window of whole records starting at a random one, at most `max` bytes (at least one
    /// record), with the PEER_INDEX_TABLE prepended for TABLE_DUMP_V2 files.
    fn window(&self, rng: &mut Rng, max: usize) -> Vec<u8> {
        let data = &self.data;
        let mut out = Vec::new();
        let start = rng.below(self.frames.len());
        if let Some(&(o, l, true)) = self.frames.first() {
            if start > 0 {
                out.extend_from_slice(&data[o..o + l]);
            }
        }
        for &(o, l, _) in &self.frames[start..] {
            if !out.is_empty() && out.len() + l > max {
                break;
            }
            out.extend_from_slice(&data[o..o + l]);
        }
        out
    }
}

/// Runs one trial on a window of `capture`, seeded by `seed`.
pub fn trial(capture: &Capture, seed: u64, max_window: usize) -> TrialReport {
    let mut rng = Rng::new(seed);
    let clean = capture.window(&mut rng, max_window);
    let file = capture.name;
    let (base, base_errors) = decode_input(&clean);
    let mut report = TrialReport {
        file,
        seed,
        window: clean.len(),
        records: base.len(),
        ..TrialReport::default()
    };
    if !base_errors.is_empty() {
        // The capture's own trouble (one known file): compare what decodes anyway.
        report.reported.extend(base_errors.iter().cloned());
    }
    let mut damaged = clean.clone();
    let mut origin: Vec<u32> = (0..clean.len() as u32).collect();
    let ops = 1 + rng.below(3);
    for i in 0..ops {
        if damaged.is_empty() {
            break;
        }
        let d = pick(&mut rng, damaged.len(), i + 1 == ops);
        apply(&mut damaged, &mut origin, &d, &mut rng);
        report.damage.push(d);
    }
    // Where each undamaged byte ended up.
    let mut position = vec![usize::MAX; clean.len()];
    for (i, &o) in origin.iter().enumerate() {
        if o != u32::MAX {
            position[o as usize] = i;
        }
    }
    let untouched_at = |r: &Decoded| -> Option<usize> {
        let p = position[r.offset];
        let ok = p != usize::MAX && (0..r.len).all(|j| position[r.offset + j] == p + j);
        ok.then_some(p)
    };
    // Which undamaged records survive, and where; RIB records also need their peer table.
    let mut expect: Vec<(usize, &Decoded)> = Vec::new();
    let mut table_ok = true;
    let intact: Vec<bool> = base.iter().map(|r| untouched_at(r).is_some()).collect();
    let index_of: std::collections::HashMap<usize, usize> = base
        .iter()
        .enumerate()
        .map(|(i, r)| (r.offset, i))
        .collect();
    for r in &base {
        let at = untouched_at(r);
        if r.peer_table {
            table_ok = at.is_some();
        }
        if let Some(at) = at {
            if !r.rib || table_ok {
                expect.push((at, r));
            }
        }
    }
    report.untouched = expect.len();
    let (got, errors) = decode_input(&damaged);
    // Whether the first record framed from the damaged input is itself damaged.
    let poisoned = got.first().is_some_and(|g| {
        !expect
            .iter()
            .any(|(at, w)| *at == g.offset && w.len == g.len)
    });
    if std::env::var_os("SWEEP_DEBUG").is_some() {
        let b: Vec<(usize, usize)> = base.iter().map(|r| (r.offset, r.len)).collect();
        let g: Vec<(usize, usize)> = got.iter().map(|r| (r.offset, r.len)).collect();
        eprintln!(
            "clean frames {b:?}\ndamaged frames {g:?}\nerrors {errors:?}\nexpect {:?}",
            expect
                .iter()
                .map(|(a, w)| (*a, w.offset, w.len))
                .collect::<Vec<_>>()
        );
    }
    report.reported = errors;
    // In the damaged stream, a RIB record decodes as before only if the latest peer table
    // before it is an untouched one.
    let expected_at: std::collections::HashSet<usize> = expect.iter().map(|(at, _)| *at).collect();
    let mut by_offset = std::collections::HashMap::new();
    let mut damaged_table_ok = true;
    for g in &got {
        if g.peer_table {
            damaged_table_ok = expected_at.contains(&g.offset);
        }
        by_offset.insert(g.offset, (g, damaged_table_ok));
    }
    for (at, want) in &expect {
        match by_offset.get(at) {
            None => {
                let cover = got
                    .iter()
                    .find(|g| g.offset < *at && g.offset + g.len >= at + want.len);
                let msg = format!(
                    "untouched record at {} (now {at}, {} bytes) was lost",
                    want.offset, want.len
                );
                let i = index_of[&want.offset];
                // Damage directly before and directly after the record.
                let prev_ok = match i.checked_sub(1) {
                    None => *at == 0,
                    Some(p) => intact[p] && position[base[p].offset] + base[p].len == *at,
                };
                let end = at + want.len;
                let next_ok = match base.get(i + 1) {
                    None => end == damaged.len(),
                    Some(n) => intact[i + 1] && position[n.offset] == end,
                };
                let sandwiched = !prev_ok && !next_ok;
                match cover {
                    Some(g) => report.swallowed.push(format!(
                        "{msg}: inside the damaged record framed at {} ({} bytes)",
                        g.offset, g.len
                    )),
                    None if sandwiched => report.known.push(format!("sandwiched: {msg}")),
                    None if poisoned => report.known.push(format!("poisoned: {msg}")),
                    None => report.failures.push(msg),
                }
            }
            Some((g, _)) if g.len != want.len => report.failures.push(format!(
                "untouched record at {} framed as {} bytes, not {}",
                want.offset, g.len, want.len
            )),
            Some((g, table_ok)) => {
                // A RIB record after a damaged peer table may differ.
                if (*table_ok || !want.rib) && g.output != want.output {
                    report.failures.push(format!(
                        "untouched record at {} (now {at}) decodes differently:\n{}\n---\n{}",
                        want.offset,
                        String::from_utf8_lossy(&want.output),
                        String::from_utf8_lossy(&g.output)
                    ));
                }
            }
        }
    }
    for e in &report.reported {
        for (at, want) in &expect {
            if e.offset > *at
                && e.offset < at + want.len
                && !base_errors.iter().any(|b| b.error == e.error)
            {
                let msg = format!(
                    "error reported inside the untouched record at {at}: {}",
                    e.error
                );
                if poisoned {
                    // Framing went out of step after a damaged first record.
                    report.known.push(format!("poisoned: {msg}"));
                } else {
                    report.failures.push(msg);
                }
            }
        }
    }
    report
}

/// Runs `trials` trials over the RIS captures (all but the two largest, whose every window is
/// like those of the others), seeds `first_seed..`, and returns every report.
pub fn run(
    trials: usize,
    first_seed: u64,
    max_window: usize,
    mut each: impl FnMut(&TrialReport),
) -> Vec<TrialReport> {
    let files: Vec<Capture> = crate::fixtures::RIS_FILES
        .iter()
        .filter(|n| !n.starts_with("bview.2002") && !n.starts_with("updates.2007"))
        .map(|n| Capture::ris(n))
        .collect();
    (0..trials)
        .map(|i| {
            let seed = first_seed + i as u64;
            let r = trial(&files[i % files.len()], seed, max_window);
            each(&r);
            r
        })
        .collect()
}

//! `ribcage decode`: one BGP message (with its marker) or UPDATE body per hex line, printed as
//! one JSON object per line: announced and withdrawn NLRI per family with their fields, the next
//! hop, every attribute, and the RFC 7606 outcome and problems (schema in `crates/cli/JSON.md`).
//!
//! Exit status: 0 when every line decoded as an UPDATE, 1 when one did not (its JSON object then
//! holds an `error`), 2 when stdin cannot be read.

use std::io::{self, BufRead, Write};

use ribcage_attributes::{MpNextHop, NextHop, Problem, Update};
use ribcage_nlri::{DecodeContext, Family, NlriIter, Registry, Session};
use serde::Serialize;

use super::json::{FamilyJson, Merged, NlriJson};

/// Arguments of `ribcage decode`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The message in hex (spaces and colons are ignored); `-` or absent: read hex lines from
    /// stdin, one message per line.
    #[arg(long)]
    hex: Option<String>,
    /// AS numbers are 2 bytes wide (default: 4, RFC 6793).
    #[arg(long)]
    as2: bool,
    /// Every family carries ADD-PATH path identifiers (RFC 7911).
    #[arg(long = "add-path")]
    add_path: bool,
    /// The UPDATE came from an external peer (eBGP): LOCAL_PREF, ORIGINATOR_ID and
    /// CLUSTER_LIST are discarded, whatever they hold (RFC 7606 §7.5, §7.9, §7.10). Without
    /// `--ebgp` or `--ibgp` the session is unknown and handled as internal.
    #[arg(long, conflicts_with = "ibgp")]
    ebgp: bool,
    /// The UPDATE came from an internal peer (iBGP): a malformed LOCAL_PREF, ORIGINATOR_ID or
    /// CLUSTER_LIST withdraws the routes (RFC 7606 §7.5, §7.9, §7.10).
    #[arg(long)]
    ibgp: bool,
}

/// NLRI of one family.
#[derive(Serialize)]
struct FamilyNlri<'a> {
    family: FamilyJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_hop: Option<NextHopJson>,
    nlri: Vec<NlriJson<'a>>,
}

/// A next hop from NEXT_HOP or MP_REACH_NLRI.
#[derive(Serialize)]
#[serde(untagged)]
enum NextHopJson {
    Plain(NextHop),
    Mp(MpNextHop),
}

#[derive(Serialize)]
struct UpdateJson<'a> {
    message_type: &'static str,
    withdrawn: Vec<FamilyNlri<'a>>,
    announced: Vec<FamilyNlri<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_of_rib: Option<FamilyJson>,
    #[serde(flatten)]
    merged: Merged<'a>,
    attributes: ribcage_attributes::PathAttributes<'a>,
    outcome: ribcage_attributes::Outcome,
    problems: Vec<Problem>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    message_type: Option<u8>,
    error: &'a str,
}

fn parse_hex(s: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b':')
        .collect();
    let digits = digits.strip_prefix(b"0x").unwrap_or(&digits).to_vec();
    if digits.len() % 2 != 0 {
        return Err(format!("odd number of hex digits ({})", digits.len()));
    }
    digits
        .chunks(2)
        .map(|p| {
            let h = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
            match (h(p[0]), h(p[1])) {
                (Some(a), Some(b)) => Ok(a << 4 | b),
                _ => Err(format!("not hex: {:?}", String::from_utf8_lossy(p))),
            }
        })
        .collect()
}

fn nlri_list<'a>(it: NlriIter<'a>) -> Vec<NlriJson<'a>> {
    it.map(|n| match n {
        Ok(n) => NlriJson::from_ref(&n),
        Err(e) => NlriJson::error(e.to_string()),
    })
    .collect()
}

/// Decodes one message and appends its JSON line; `Err` holds the error line's text.
fn decode_one(bytes: &[u8], ctx: &DecodeContext, registry: &Registry, out: &mut Vec<u8>) -> bool {
    let whole = bytes.len() >= 19 && bytes[..16] == [0xff; 16];
    if whole && bytes[18] != 2 {
        let line = ErrorLine {
            message_type: Some(bytes[18]),
            error: "not an UPDATE message",
        };
        let _ = serde_json::to_writer(&mut *out, &line);
        out.push(b'\n');
        return false;
    }
    let update = if whole {
        Update::from_message(bytes, 0, ctx, registry)
    } else {
        Update::parse(bytes, 0, ctx, registry)
    };
    let update = match update {
        Ok(u) => u,
        Err(e) => {
            let text = e.to_string();
            let _ = serde_json::to_writer(
                &mut *out,
                &ErrorLine {
                    message_type: None,
                    error: &text,
                },
            );
            out.push(b'\n');
            return false;
        }
    };
    let mut withdrawn = Vec::new();
    if update.has_body_withdrawn() {
        withdrawn.push(FamilyNlri {
            family: Family::IPV4_UNICAST.into(),
            next_hop: None,
            nlri: nlri_list(update.withdrawn()),
        });
    }
    if let Ok(Some(mp)) = update.mp_unreach() {
        withdrawn.push(FamilyNlri {
            family: mp.family().into(),
            next_hop: None,
            nlri: nlri_list(mp.nlri()),
        });
    }
    let mut announced = Vec::new();
    if update.has_body_nlri() {
        announced.push(FamilyNlri {
            family: Family::IPV4_UNICAST.into(),
            next_hop: update
                .path_attributes()
                .next_hop()
                .ok()
                .flatten()
                .map(NextHopJson::Plain),
            nlri: nlri_list(update.announced()),
        });
    }
    if let Ok(Some(mp)) = update.mp_reach() {
        announced.push(FamilyNlri {
            family: mp.family().into(),
            next_hop: Some(NextHopJson::Mp(mp.next_hop())),
            nlri: nlri_list(mp.nlri()),
        });
    }
    let json = UpdateJson {
        message_type: "UPDATE",
        withdrawn,
        announced,
        end_of_rib: update.is_end_of_rib().map(Into::into),
        merged: Merged::of(update.path_attributes()),
        attributes: *update.path_attributes(),
        outcome: update.outcome(),
        problems: update.problems().collect(),
    };
    let _ = serde_json::to_writer(&mut *out, &json);
    out.push(b'\n');
    true
}

pub(crate) fn run(args: &Args) -> u8 {
    let session = if args.ebgp {
        Session::External
    } else if args.ibgp {
        Session::Internal
    } else {
        Session::Unknown
    };
    let ctx = DecodeContext::default()
        .with_four_byte_as(!args.as2)
        .with_add_path_all(args.add_path)
        .with_session(session);
    let registry = Registry::default();
    let mut out = Vec::new();
    let mut ok = true;
    let mut one = |line: &str, out: &mut Vec<u8>| {
        if line.trim().is_empty() {
            return;
        }
        match parse_hex(line) {
            Ok(bytes) => ok &= decode_one(&bytes, &ctx, &registry, out),
            Err(e) => {
                ok = false;
                let _ = serde_json::to_writer(
                    &mut *out,
                    &ErrorLine {
                        message_type: None,
                        error: &e,
                    },
                );
                out.push(b'\n');
            }
        }
    };
    match args.hex.as_deref() {
        Some(hex) if hex != "-" => one(hex, &mut out),
        _ => {
            let stdin = io::stdin();
            for line in stdin.lock().lines() {
                match line {
                    Ok(line) => one(&line, &mut out),
                    Err(e) => {
                        eprintln!("ribcage: cannot read stdin: {e}");
                        return 2;
                    }
                }
            }
        }
    }
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_all(&out).and_then(|()| stdout.flush()) {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("ribcage: write error: {e}");
            return 2;
        }
    }
    u8::from(!ok)
}

//! Reading the UPDATE captures under `testdata/` and rendering decoded NLRI for snapshots.

use std::fmt::Write;
use std::sync::LazyLock;

use ribcage_buffer::Cursor;
use ribcage_nlri::{Afi, DecodeContext, Decoded, Error, Family, Registry, Safi};

/// One captured UPDATE: the command that produced it and the MP_REACH_NLRI it carried.
#[derive(Debug)]
pub(crate) struct Capture {
    pub(crate) command: String,
    pub(crate) family: Family,
    pub(crate) nlri: Vec<u8>,
}

/// Decodes a hex string (whitespace ignored).
pub(crate) fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Reads `testdata/NAME`: `# command` lines, each followed by an UPDATE in hex.
pub(crate) fn load(name: &str) -> Vec<Capture> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let mut out = Vec::new();
    let mut command = String::new();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("# ") {
            command = c.to_string();
        } else if !line.trim().is_empty() {
            let (family, nlri) = mp_reach(&hex(line));
            out.push(Capture {
                command: std::mem::take(&mut command),
                family,
                nlri,
            });
        }
    }
    out
}

/// The family and NLRI bytes of the MP_REACH_NLRI attribute (RFC 4760 §3) of a BGP UPDATE.
fn mp_reach(msg: &[u8]) -> (Family, Vec<u8>) {
    assert_eq!(msg[18], 2, "not an UPDATE");
    let body = &msg[19..];
    let withdrawn = usize::from(u16::from_be_bytes([body[0], body[1]]));
    let p = 2 + withdrawn;
    let attr_len = usize::from(u16::from_be_bytes([body[p], body[p + 1]]));
    let mut attrs = &body[p + 2..p + 2 + attr_len];
    while !attrs.is_empty() {
        let (flags, code) = (attrs[0], attrs[1]);
        let (len, hdr) = if flags & 0x10 != 0 {
            (usize::from(u16::from_be_bytes([attrs[2], attrs[3]])), 4)
        } else {
            (usize::from(attrs[2]), 3)
        };
        let value = &attrs[hdr..hdr + len];
        if code == 14 {
            let afi = Afi(u16::from_be_bytes([value[0], value[1]]));
            let nh_len = usize::from(value[3]);
            return (
                Family::new(afi, Safi(value[2])),
                value[5 + nh_len..].to_vec(),
            );
        }
        attrs = &attrs[hdr + len..];
    }
    panic!("no MP_REACH_NLRI");
}

/// Splits and decodes every NLRI of a run with the built-in registry.
pub(crate) fn decode_run(family: Family, wire: &[u8]) -> Vec<Result<Decoded<'_>, Error>> {
    static CTX: LazyLock<DecodeContext> = LazyLock::new(DecodeContext::default);
    Registry::default()
        .iter(family, Cursor::new(wire), &CTX)
        .map(|n| n.and_then(|n| n.decode()))
        .collect()
}

/// Decodes one NLRI run and renders each NLRI as its Display line and its JSON.
pub(crate) fn render(family: Family, wire: &[u8]) -> String {
    let mut s = String::new();
    for d in decode_run(family, wire) {
        match d {
            Ok(d) => {
                writeln!(s, "{d}").unwrap();
                writeln!(s, "{}", serde_json::to_string(&d).unwrap()).unwrap();
            }
            Err(e) => writeln!(s, "error: {e:?}").unwrap(),
        }
    }
    s
}

/// Renders every capture of a fixture file: command, family, Display and JSON.
pub(crate) fn render_file(name: &str) -> String {
    let mut s = String::new();
    for c in load(name) {
        writeln!(s, "$ {}", c.command).unwrap();
        writeln!(s, "family {}", c.family).unwrap();
        s.push_str(&render(c.family, &c.nlri));
        s.push('\n');
    }
    s
}

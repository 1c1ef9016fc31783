//! The bundled captures (`testdata/ris/`, `crates/nlri/testdata/`) and the fuzz seeds cut from
//! them: real messages, records and NLRI runs, each prefixed with the flag byte its target
//! expects (see [`crate::targets`]).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use ribcage_attributes::Update;
use ribcage_buffer::View;
use ribcage_mrt::mrt::t16_bgp4mp::Bgp4mpSubtype;
use ribcage_mrt::{MrtType, Records};
use ribcage_nlri::{Afi, DecodeContext, Family, Registry, Safi};

/// The RIS captures in `testdata/ris/`, smallest first.
pub const RIS_FILES: &[&str] = &[
    "updates.nlri_mask_trailing_bits.gz",
    "bview.ipv6_unicast_add_path.gz",
    "bview.ipv4_unicast_add_path.gz",
    "updates.long_withdrawal.gz",
    "bview.64k_stream_overflow.gz",
    "updates.20020722.2238.gz",
    "updates.20100722.2015.gz",
    "updates.20160811.1600.gz",
    "updates.20070211.0141.gz",
    "bview.20020722.2337.gz",
];

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A RIS capture, decompressed.
pub fn ris(name: &str) -> Vec<u8> {
    let path = root().join("testdata/ris").join(name);
    let gz = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    out
}

/// The UPDATE messages (header included) of the GoBGP/ExaBGP hex fixtures in
/// `crates/nlri/testdata/` (one message per line; `#` lines are comments).
pub fn nlri_fixture_updates() -> Vec<Vec<u8>> {
    let dir = root().join("crates/nlri/testdata");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "hex"))
    {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .filter_map(unhex),
        );
    }
    out
}

/// The (family, NLRI wire) vectors of `crates/nlri/testdata/*_nlri.txt` (`name afi safi hex`
/// lines).
pub fn nlri_fixture_vectors() -> Vec<(Family, Vec<u8>)> {
    let mut out = Vec::new();
    for name in ["exabgp_nlri.txt", "rfc_nlri.txt"] {
        let path = root().join("crates/nlri/testdata").join(name);
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if let [_, afi, safi, hex, ..] = f[..] {
                if let (Ok(a), Ok(s), Some(w)) = (afi.parse(), safi.parse(), unhex(hex)) {
                    out.push((Family::new(Afi(a), Safi(s)), w));
                }
            }
        }
    }
    out
}

/// Decodes a hex string.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Lowercase hex of `b`.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The flag byte (see [`crate::targets::context`]) for a BGP4MP subtype's session context.
fn flags_for(as4: bool, add_path: bool) -> u8 {
    u8::from(!as4) | if add_path { 2 } else { 0 }
}

/// The fuzz target whose decoder handles `family`, if one does.
fn nlri_target(family: Family) -> Option<(&'static str, u8)> {
    use ribcage_nlri::family::*;
    let table: [(&'static str, &[Family]); 11] = [
        ("nlri_unicast", unicast::UNICAST.families()),
        (
            "nlri_labeled_unicast",
            labeled_unicast::LABELED_UNICAST.families(),
        ),
        ("nlri_mpls_vpn", mpls_vpn::MPLS_VPN.families()),
        ("nlri_vpls", vpls::VPLS.families()),
        (
            "nlri_rt_constraint",
            rt_constraint::RT_CONSTRAINT.families(),
        ),
        ("nlri_mvpn", mvpn::MVPN.families()),
        ("nlri_evpn", evpn::EVPN.families()),
        ("nlri_flowspec", flowspec::FLOWSPEC.families()),
        ("nlri_sr_policy", sr_policy::SR_POLICY.families()),
        ("nlri_mup", mup::MUP.families()),
        ("nlri_bgp_ls", bgp_ls::BGP_LS.families()),
    ];
    use ribcage_nlri::FamilyDecoder as _;
    table.iter().find_map(|(name, fams)| {
        let i = fams.iter().position(|f| *f == family)?;
        Some((*name, (i as u8) << 6))
    })
}

/// Seeds per target: `seeds[target]` is a list of inputs, at most `per_target` each, from the
/// real captures. Deterministic.
pub fn seeds(per_target: usize) -> BTreeMap<&'static str, Vec<Vec<u8>>> {
    let mut s: BTreeMap<&'static str, Vec<Vec<u8>>> = BTreeMap::new();
    let mut add = |target: &'static str, input: Vec<u8>| {
        let v = s.entry(target).or_default();
        if v.len() < per_target && input.len() <= 4096 && !v.contains(&input) {
            v.push(input);
        }
    };
    let registry = Registry::BUILTIN;
    // UPDATEs from the GoBGP/ExaBGP fixtures: every family the nlri crate decodes.
    let mut updates: Vec<(u8, Vec<u8>)> = nlri_fixture_updates()
        .into_iter()
        .map(|m| (0x40, m))
        .collect();
    for (family, wire) in nlri_fixture_vectors() {
        if let Some((t, sel)) = nlri_target(family) {
            add(t, [vec![sel], wire].concat());
        }
    }
    let mut sources: Vec<Vec<u8>> = [
        "crates/nlri/testdata/gobgp_updates.mrt",
        "crates/attributes/testdata/bgpdump_crafted.mrt",
    ]
    .iter()
    .filter_map(|p| std::fs::read(root().join(p)).ok())
    .collect();
    sources.extend(RIS_FILES.iter().map(|n| ris(n)));
    // An SR Policy NLRI (RFC 9830 §2.1): length 96 bits, distinguisher 1, color 100, endpoint
    // 192.0.2.1; the fixtures have none.
    add(
        "nlri_sr_policy",
        vec![0, 96, 0, 0, 0, 1, 0, 0, 0, 100, 192, 0, 2, 1],
    );
    for data in sources {
        let mut stream = Vec::new();
        for (i, r) in Records::new(View::from(data.clone())).enumerate() {
            let Ok(rec) = r else { continue };
            let wire = data[rec.offset..rec.offset + rec.wire_len()].to_vec();
            if stream.len() + wire.len() <= 4096 && i < 40 {
                stream.extend_from_slice(&wire);
            }
            let body = rec.body.as_slice();
            match rec.mrt_type {
                MrtType::TABLE_DUMP if i % 500 == 0 => {
                    add(
                        "mrt_table_dump",
                        [&[(rec.subtype == 2) as u8][..], body].concat(),
                    );
                }
                MrtType::TABLE_DUMP_V2 if rec.subtype == 1 => {
                    // Keep the peer table for the RIB records that follow (see below).
                    add("framing_mrt", [vec![15], wire.clone()].concat());
                }
                MrtType::TABLE_DUMP_V2 if i % 7 == 1 => {
                    let peers = Records::new(View::from(data.clone()))
                        .flatten()
                        .find(|r| r.mrt_type == MrtType::TABLE_DUMP_V2 && r.subtype == 1);
                    if let Some(p) = peers {
                        let pb = p.body.as_slice();
                        if pb.len() < 2048 {
                            let st = (rec.subtype.saturating_sub(2) % 11) as u8;
                            let mut input = vec![st];
                            input.extend_from_slice(&(pb.len() as u16).to_be_bytes());
                            input.extend_from_slice(pb);
                            input.extend_from_slice(body);
                            add("mrt_table_dump_v2", input);
                        }
                    }
                }
                MrtType::BGP4MP | MrtType::BGP4MP_ET => {
                    let st = Bgp4mpSubtype(rec.subtype);
                    let et = if rec.mrt_type == MrtType::BGP4MP_ET {
                        0x80
                    } else {
                        0
                    };
                    if i % 97 == 0 {
                        add(
                            "mrt_bgp4mp",
                            [vec![et | rec.subtype as u8], body.to_vec()].concat(),
                        );
                    }
                    if let Some((as4, add_path, _local)) = st.message() {
                        // Peer/local AS, interface, AFI, addresses, then the BGP message.
                        let as_len = if as4 { 8 } else { 4 };
                        let afi_at = as_len + 2;
                        let Some(afi) = body.get(afi_at..afi_at + 2) else {
                            continue;
                        };
                        let addr = if afi == [0, 2] { 32 } else { 8 };
                        let Some(msg) = body.get(afi_at + 2 + addr..) else {
                            continue;
                        };
                        if i % 11 == 0 {
                            add("framing_bgp", [vec![0], msg.to_vec()].concat());
                        }
                        if msg.len() > 19 && msg[18] == 2 && i % 5 == 0 {
                            updates.push((flags_for(as4, add_path), msg[19..].to_vec()));
                        }
                    }
                }
                _ => {}
            }
        }
        add("mrt_stream", stream.clone());
        add("rib", [vec![0], stream.clone()].concat());
        add("rib", [vec![1], stream.clone()].concat());
        add("framing_mrt", [vec![15], stream].concat());
    }
    // UPDATE bodies and their NLRI runs.
    for (flags, msg) in &updates {
        add("update", [vec![*flags], msg.clone()].concat());
        let ctx: DecodeContext = crate::targets::context(*flags);
        let parsed = if flags & 0x40 != 0 {
            Update::from_message(msg, 0, &ctx, &registry)
        } else {
            Update::parse(msg, 0, &ctx, &registry)
        };
        let Ok(u) = parsed else { continue };
        let mut runs: Vec<(Family, Vec<u8>)> = Vec::new();
        if let Ok(Some(m)) = u.mp_reach() {
            runs.push((m.family(), m.nlri_wire().to_vec()));
        }
        if let Ok(Some(m)) = u.mp_unreach() {
            runs.push((m.family(), m.nlri_wire().to_vec()));
        }
        if u.has_body_nlri() {
            let nlri: Vec<u8> = u
                .announced()
                .flatten()
                .flat_map(|n| n.wire().to_vec())
                .collect();
            runs.push((Family::IPV4_UNICAST, nlri));
        }
        for (family, wire) in runs {
            if let Some((t, sel)) = nlri_target(family) {
                let f = sel | (flags & 3);
                add(t, [vec![f], wire].concat());
            }
        }
    }
    // Interner operation sequences: a deterministic mix of every operation.
    let mut rng = crate::Rng::new(7);
    for n in [16usize, 64, 256, 1024] {
        add("intern", (0..n).map(|_| rng.byte()).collect());
    }
    s
}

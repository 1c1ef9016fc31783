//! Rebuilds the announce and withdraw lines of `bgpdump -m` from the RIS update fixtures with
//! this crate's text forms and compares them with bgpdump's own output
//! (testdata/ris/expected/*.bgp.gz), which is the ground truth for AS paths, origins,
//! communities, aggregators and atomic aggregate.

use std::fmt::Write as _;
use std::io::Read;

use ribcage_attributes::bgpdump::Ip;
use ribcage_attributes::{AtomicAggregate, PathAttributes, Update};
use ribcage_nlri::{DecodeContext, Registry};

use crate::mrt;

fn expected(name: &str) -> Vec<String> {
    let f = std::fs::File::open(mrt::ris(&format!("expected/{name}.bgp.gz"))).unwrap();
    let mut s = String::new();
    flate2::read::GzDecoder::new(f)
        .read_to_string(&mut s)
        .unwrap();
    s.lines()
        .filter(|l| l.contains("|A|") || l.contains("|W|"))
        .map(str::to_owned)
        .collect()
}

/// The bgpdump -m lines of one UPDATE.
pub(crate) fn lines(update: &Update<'_>, ts: u32, peer: &str, out: &mut Vec<String>) {
    for n in update.all_withdrawn() {
        let n = n.unwrap();
        let p = n.prefix().unwrap();
        out.push(format!("BGP4MP|{ts}|W|{peer}|{}/{}", Ip(p.addr()), p.len()));
    }
    let path = ribcage_attributes::bgpdump::AsPath::of(update)
        .unwrap()
        .to_string();
    let origin = update
        .origin()
        .unwrap()
        .map(|o| o.to_string())
        .unwrap_or_default();
    let lp = update.local_pref().unwrap().map_or(0, |l| l.0);
    let med = update.med().unwrap().map_or(0, |m| m.0);
    let comm = update
        .communities()
        .unwrap()
        .map(|c| c.bgpdump().to_string())
        .unwrap_or_default();
    let ag = AtomicAggregate::bgpdump(update.atomic_aggregate().unwrap());
    let agg = update
        .merged_aggregator()
        .unwrap()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let body_nh = update
        .next_hop()
        .unwrap()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let mp = update.mp_reach().unwrap();
    let mp_nh = mp
        .and_then(|m| m.next_hop().addr())
        .map(|a| Ip(a).to_string())
        .unwrap_or_default();
    let mut line = |prefix: String, nh: &str| {
        let mut l = String::new();
        write!(
            l,
            "BGP4MP|{ts}|A|{peer}|{prefix}|{path}|{origin}|{nh}|{lp}|{med}|{comm}|{ag}|{agg}|"
        )
        .unwrap();
        out.push(l);
    };
    for n in update.announced() {
        let p = n.unwrap().prefix().unwrap();
        line(format!("{}/{}", Ip(p.addr()), p.len()), &body_nh);
    }
    if let Some(m) = mp {
        for n in m.nlri() {
            let p = n.unwrap().prefix().unwrap();
            line(format!("{}/{}", Ip(p.addr()), p.len()), &mp_nh);
        }
    }
}

fn check(name: &str) {
    check_data(&mrt::read_gz(name), &expected(name), name);
}

fn check_data(data: &[u8], want: &[String], name: &str) {
    let registry = Registry::default();
    let mut got = Vec::new();
    for m in mrt::messages(data) {
        if m.msg.get(18) != Some(&2) {
            continue;
        }
        let ctx = DecodeContext::default().with_four_byte_as(m.four_byte);
        let u = Update::from_message(m.msg, 0, &ctx, &registry).unwrap();
        let peer = format!("{}|{}", Ip(m.peer_ip), m.peer_as);
        lines(&u, m.ts, &peer, &mut got);
    }
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "{name}: line {i} differs");
    }
    assert_eq!(got.len(), want.len(), "{name}: line count");
}

#[test]
fn updates_2002_two_byte_as() {
    check("updates.20020722.2238.gz");
}

#[test]
fn updates_2010_mixed_as4() {
    check("updates.20100722.2015.gz");
}

#[test]
fn updates_2016_communities_ipv6() {
    check("updates.20160811.1600.gz");
}

#[test]
fn updates_2007_busy() {
    check("updates.20070211.0141.gz");
}

/// The bgpdump -m line of one TABLE_DUMP entry.
fn table_line(td: &mrt::TableDump<'_>, ctx: &DecodeContext, registry: &Registry) -> String {
    let a = PathAttributes::new(td.attrs, 0, ctx, registry);
    let path = ribcage_attributes::bgpdump::AsPath::of(&a).unwrap();
    let origin = a
        .origin()
        .unwrap()
        .map(|o| o.to_string())
        .unwrap_or_default();
    let nh = a
        .next_hop()
        .unwrap()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let lp = a.local_pref().unwrap().map_or(0, |l| l.0);
    let med = a.med().unwrap().map_or(0, |m| m.0);
    let comm = a
        .communities()
        .unwrap()
        .map(|c| c.bgpdump().to_string())
        .unwrap_or_default();
    let ag = AtomicAggregate::bgpdump(a.atomic_aggregate().unwrap());
    let agg = a
        .merged_aggregator()
        .unwrap()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let p = std::net::Ipv4Addr::from(td.prefix);
    format!(
        "TABLE_DUMP|{}|B|{}|{}|{p}/{}|{path}|{origin}|{nh}|{lp}|{med}|{comm}|{ag}|{agg}|",
        td.ts, td.peer_ip, td.peer_as, td.len
    )
}

#[test]
fn table_dump_2002() {
    let name = "bview.20020722.2337.gz";
    let data = mrt::read_gz(name);
    let f = std::fs::File::open(mrt::ris(&format!("expected/{name}.bgp.gz"))).unwrap();
    let mut want = String::new();
    flate2::read::GzDecoder::new(f)
        .read_to_string(&mut want)
        .unwrap();
    let ctx = DecodeContext::default().with_four_byte_as(false);
    let registry = Registry::default();
    let mut n = 0;
    for (td, w) in mrt::table_dump(&data).zip(want.lines()) {
        assert_eq!(table_line(&td, &ctx, &registry), w, "entry {n}");
        n += 1;
    }
    assert_eq!(n, want.lines().count());
}

/// Hand-built records (testdata/bgpdump_crafted.mrt, see testdata/README.md): confederation
/// segments, well-known communities, and bgpdump's own AS4_PATH merge on a 2-byte record whose
/// AS_PATH starts with a confederation sequence.
#[test]
fn crafted_confederations_and_well_known_communities() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/");
    let data = std::fs::read(format!("{dir}bgpdump_crafted.mrt")).unwrap();
    let want: Vec<String> = std::fs::read_to_string(format!("{dir}bgpdump_crafted.bgp"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    check_data(&data, &want, "bgpdump_crafted.mrt");
}

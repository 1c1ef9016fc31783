//! Queries on the 2002 dump, checked against the bgpdump lines of the same file.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr};

use ribcage_nlri::{Family, Prefix};
use ribcage_rib::Peer;

use crate::{bview, expected};

/// (peer ip, peer as, prefix) of every expected line.
fn expected_routes() -> Vec<(IpAddr, u32, Prefix)> {
    expected("bview.20020722.2337.gz")
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            let (addr, len) = f[5].split_once('/').unwrap();
            (
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
                Prefix::new(addr.parse().unwrap(), len.parse().unwrap()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn exact_prefix_finds_every_peer_route() {
    let (rib, _) = bview();
    let all = expected_routes();
    let mut by_prefix: BTreeMap<Prefix, BTreeSet<(IpAddr, u32)>> = BTreeMap::new();
    for (ip, asn, p) in &all {
        by_prefix.entry(*p).or_default().insert((*ip, *asn));
    }
    // Every 97th prefix, and the most shared one.
    let busiest = by_prefix.iter().max_by_key(|(_, v)| v.len()).unwrap().0;
    for (prefix, peers) in by_prefix
        .iter()
        .step_by(97)
        .chain([(busiest, &by_prefix[busiest])])
    {
        let got: BTreeSet<(IpAddr, u32)> = rib
            .exact_prefix(*prefix)
            .iter()
            .map(|r| {
                assert_eq!(r.prefix(), Some(*prefix));
                let p = r.peer_info();
                (p.ip, p.asn)
            })
            .collect();
        assert_eq!(&got, peers, "{prefix}");
    }
    assert!(by_prefix[busiest].len() > 1);
    assert!(rib
        .exact_prefix(Prefix::new("192.0.2.0".parse().unwrap(), 24).unwrap())
        .is_empty());
}

#[test]
fn longest_match_agrees_with_a_scan() {
    let (rib, _) = bview();
    let prefixes: BTreeSet<Prefix> = expected_routes().into_iter().map(|r| r.2).collect();
    let mut state = 0x2545_f491_u32;
    for _ in 0..200 {
        // xorshift32: deterministic addresses spread over the space.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let addr = IpAddr::V4(Ipv4Addr::from(state));
        let want = prefixes
            .iter()
            .filter(|p| p.contains(addr))
            .max_by_key(|p| p.len());
        let got = rib.longest_match(addr);
        assert_eq!(got.as_ref().map(|(p, _)| p), want, "{addr}");
        if let Some((p, routes)) = got {
            assert!(!routes.is_empty());
            assert!(routes.iter().all(|r| r.prefix() == Some(p)));
        }
    }
    // A /32 host route and an address inside it.
    let host = prefixes.iter().find(|p| p.len() == 32);
    if let Some(h) = host {
        assert_eq!(rib.longest_match(h.addr()).unwrap().0, *h);
    }
}

#[test]
fn peer_routes_and_counts_match_the_file() {
    let (rib, _) = bview();
    let all = expected_routes();
    let mut per_peer: BTreeMap<(IpAddr, u32), usize> = BTreeMap::new();
    for (ip, asn, _) in &all {
        *per_peer.entry((*ip, *asn)).or_default() += 1;
    }
    assert_eq!(rib.peers().len(), per_peer.len());
    let counts = rib.counts();
    assert_eq!(counts.iter().map(|c| c.routes).sum::<usize>(), all.len());
    for c in &counts {
        assert_eq!(c.family, Family::IPV4_UNICAST);
        let p = rib.peers()[c.peer.0 as usize];
        assert_eq!(per_peer[&(p.ip, p.asn)], c.routes, "{p:?}");
    }
    // The second-largest peer, looked up by address and AS.
    let mut sizes: Vec<_> = per_peer.iter().collect();
    sizes.sort_by_key(|(_, n)| std::cmp::Reverse(**n));
    let (&(ip, asn), &n) = sizes[1];
    let id = rib.peer(&Peer { ip, asn }).unwrap();
    let routes: Vec<_> = rib.peer_routes(id).collect();
    assert_eq!(routes.len(), n);
    assert!(routes.iter().all(|r| r.peer == id));
    assert_eq!(
        rib.prefixes(),
        all.iter().map(|r| r.2).collect::<BTreeSet<_>>().len()
    );
}

#[test]
fn iteration_order_is_stable() {
    let (rib, _) = bview();
    let key =
        |r: ribcage_rib::Route<'_>| (r.peer, r.family, r.nlri_wire().to_vec(), r.path_id, r.set);
    let a: Vec<_> = rib.iter().map(key).collect();
    let b: Vec<_> = rib.iter().map(key).collect();
    assert_eq!(a.len(), rib.routes());
    assert_eq!(a, b);
    // Peers in first-seen order, each peer's routes together.
    assert!(a.windows(2).all(|w| w[0].0 <= w[1].0));
}

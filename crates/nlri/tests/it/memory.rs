//! Memory of held NLRI: the scenario of 100,000 VPNv4 routes across 10 route
//! distinguishers and 100 labels, held under each intern policy, measured with
//! `allocation-counter` (heap bytes still allocated once the routes are held) plus the inline
//! size of the containers' elements. Figures are recorded in docs/bench/nlri.md; print them
//! with `cargo test -p ribcage-nlri --test it memory -- --nocapture`.

use std::mem::size_of;

use ribcage_buffer::Cursor;
use ribcage_intern::{Interned, Policy, Pool};
use ribcage_nlri::{
    DecodeContext, Family, FieldPolicies, HeldNlri, Labels, Nlri, NlriPools, PackedNlri, Registry,
    RouteDistinguisher,
};

const ROUTES: usize = 100_000;

/// The wire form of route `i`: RD `65000:(i % 10)`, label `16000 + i % 100`, prefix
/// `10.a.b.0/24` unique per route.
fn vpnv4(i: usize) -> Vec<u8> {
    let mut w = vec![24 + 24 + 64];
    w.extend_from_slice(&ribcage_nlri::Label::new(16_000 + (i % 100) as u32, true).to_wire());
    w.extend_from_slice(RouteDistinguisher::as2(65000, (i % 10) as u32).as_bytes());
    w.extend_from_slice(&[10, (i >> 8) as u8, i as u8]);
    w
}

/// Bytes per route: heap bytes `build` leaves allocated, divided by the route count.
fn per_route<T>(build: impl FnOnce() -> T) -> (f64, T) {
    let mut out = None;
    let info = allocation_counter::measure(|| out = Some(build()));
    (info.bytes_current as f64 / ROUTES as f64, out.unwrap())
}

const POLICIES: [Policy; 4] = [
    Policy::Inline,
    Policy::Unbounded,
    Policy::Lru { capacity: 1_000 },
    Policy::Weak,
];

/// A VPNv4 route held with its RD and label stack as pool handles, the prefix inline.
#[allow(dead_code)]
struct SplitVpn {
    rd: Interned<RouteDistinguisher>,
    labels: Interned<[u8]>,
    prefix: [u8; 5],
}

/// A VPNv4 route held as one handle to its (label, RD) pair, the prefix inline: 16 bytes.
#[allow(dead_code)]
struct PairedVpn {
    label_rd: Interned<[u8; 11]>,
    prefix: [u8; 5],
}

#[test]
fn vpnv4_100k_routes_memory() {
    let wires: Vec<Vec<u8>> = (0..ROUTES).map(vpnv4).collect();
    let registry = Registry::default();
    let ctx = DecodeContext::default();
    let f = Family::IPV4_MPLS_VPN;
    assert_eq!(size_of::<PackedNlri>(), 24);
    assert_eq!(size_of::<HeldNlri>(), 24);
    assert_eq!(size_of::<Nlri>(), 32);

    // Every field inline: the packed wire bytes, family and path id kept by the container.
    let (packed, v) = per_route(|| {
        let mut v = Vec::with_capacity(ROUTES);
        for w in &wires {
            let n = registry
                .iter(f, Cursor::new(w), &ctx)
                .next()
                .unwrap()
                .unwrap();
            v.push(PackedNlri::new(n.wire()));
        }
        v
    });
    assert!(v.iter().all(PackedNlri::is_inline));
    assert_eq!(v[12_345].wire(), &wires[12_345][..]);
    drop(v);
    println!("PackedNlri (all fields inline): {packed:.1} B/route");
    assert!(packed <= 24.0, "{packed}");

    // The owned Nlri, family and path id included.
    let (owned, v) = per_route(|| {
        let mut v = Vec::with_capacity(ROUTES);
        for w in &wires {
            let n = registry
                .iter(f, Cursor::new(w), &ctx)
                .next()
                .unwrap()
                .unwrap();
            v.push(n.to_owned());
        }
        v
    });
    assert_eq!(v[7].to_string(), "65000:7:10.0.7.0/24 label 16007");
    drop(v);
    println!("Nlri (family, path id, wire): {owned:.1} B/route");
    assert!(owned <= 32.0, "{owned}");

    // The fixed cost of a set of empty pools (shards and tables), paid once per table.
    let (fixed, pools) = per_route(NlriPools::default);
    println!("NlriPools, empty: {:.0} bytes once", fixed * ROUTES as f64);
    drop(pools);

    // The whole NLRI under each policy (FieldPolicies::nlri); pool growth is counted.
    for p in POLICIES {
        let pools = NlriPools::new(FieldPolicies {
            nlri: p,
            ..FieldPolicies::default()
        });
        let (b, v) = per_route(|| {
            let mut v = Vec::with_capacity(ROUTES);
            for w in &wires {
                v.push(pools.hold(w));
            }
            v
        });
        assert_eq!(v[99].wire(), &wires[99][..]);
        println!("HeldNlri, nlri={p}: {b:.1} B/route");
        if p == Policy::Inline {
            assert!(b <= 24.0, "{b}");
        }
        drop((pools, v));
    }

    // RD and label stack as handles under each policy, the prefix inline.
    for p in POLICIES {
        let pools = NlriPools::new(FieldPolicies {
            route_distinguisher: p,
            labels: p,
            ..FieldPolicies::default()
        });
        let (b, v) = per_route(|| {
            let mut v = Vec::with_capacity(ROUTES);
            for w in &wires {
                let rd = RouteDistinguisher(w[4..12].try_into().unwrap());
                let labels = Labels::new(&w[1..4]).unwrap();
                let mut prefix = [0u8; 5];
                prefix[0] = 24;
                prefix[1..4].copy_from_slice(&w[12..15]);
                v.push(SplitVpn {
                    rd: pools.route_distinguisher(rd),
                    labels: pools.label_stack(labels),
                    prefix,
                });
            }
            v
        });
        println!("RD+labels as handles, policy={p}: {b:.1} B/route");
        if p != Policy::Inline {
            assert_eq!(pools.route_distinguishers.len(), 10);
            assert_eq!(pools.labels.len(), 100);
        }
        drop((pools, v));
    }

    // Label and RD interned together as one sized key, the prefix inline.
    assert_eq!(size_of::<PairedVpn>(), 16);
    for p in POLICIES {
        let pool: Pool<[u8; 11]> = Pool::new(p);
        let (b, v) = per_route(|| {
            let mut v = Vec::with_capacity(ROUTES);
            for w in &wires {
                let mut prefix = [0u8; 5];
                prefix[0] = 24;
                prefix[1..4].copy_from_slice(&w[12..15]);
                v.push(PairedVpn {
                    label_rd: pool.intern(w[1..12].try_into().unwrap()),
                    prefix,
                });
            }
            v
        });
        println!("label+RD as one handle, policy={p}: {b:.1} B/route");
        if p == Policy::Unbounded {
            assert!(b <= 17.0, "{b}");
        }
        drop(v);
    }
}

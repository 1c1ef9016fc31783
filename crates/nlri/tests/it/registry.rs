//! User registration: a decoder for a new family, and one replacing a built-in.

use ribcage_buffer::Cursor;
use ribcage_nlri::family::unicast::UNICAST;
use ribcage_nlri::{
    Afi, DecodeContext, Decoded, Error, Family, FamilyDecoder, Prefix, Registry, Safi,
};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::util::row;

/// Replaces the VPN decoder: frames like the built-in but decodes every NLRI as opaque, and
/// counts what it receives.
#[derive(Debug)]
struct MyVpn {
    seen: AtomicUsize,
}

static MY_VPN: MyVpn = MyVpn {
    seen: AtomicUsize::new(0),
};

impl FamilyDecoder for MyVpn {
    fn families(&self) -> &[Family] {
        &[Family::IPV4_MPLS_VPN]
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        self.seen.fetch_add(1, Ordering::Relaxed);
        ribcage_nlri::family::mpls_vpn::MPLS_VPN.split(family, cur, ctx)
    }

    fn decode<'a>(
        &self,
        _family: Family,
        wire: &'a [u8],
        _offset: usize,
        _ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        Ok(Decoded::Opaque { raw: wire })
    }
}

#[test]
fn user_decoder_overrides_builtin_and_receives_its_nlri() {
    let r = row("exabgp_nlri.txt", "vpnv4_rd_type0");
    let ctx = DecodeContext::default();

    let builtin = Registry::default();
    let n = builtin
        .iter(r.family, Cursor::new(&r.wire), &ctx)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(n.to_string(), "65000:1:10.0.0.0/24 label 100");

    let mut registry = Registry::default();
    registry.register(&MY_VPN);
    let before = MY_VPN.seen.load(Ordering::Relaxed);
    let n = registry
        .iter(r.family, Cursor::new(&r.wire), &ctx)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(MY_VPN.seen.load(Ordering::Relaxed), before + 1);
    assert_eq!(n.decode().unwrap(), Decoded::Opaque { raw: &r.wire[..] });
    assert_eq!(n.to_string(), "raw:700006410000fde8000000010a0000");
    // VPNv6 is not listed by the user's decoder: the built-in still handles it.
    let v6 = row("exabgp_nlri.txt", "vpnv6_rd_type0");
    let n = registry
        .iter(v6.family, Cursor::new(&v6.wire), &ctx)
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(n.to_string(), "65000:1:2001:db8:1::/64 label 200");
}

/// An invented family whose NLRI are always 2 octets: a /8 IPv4 prefix as `[8, octet]`.
#[derive(Debug)]
struct Pairs;

const PAIRS_FAMILY: Family = Family::new(Afi(1), Safi(250));

static PAIRS: Pairs = Pairs;

impl FamilyDecoder for Pairs {
    fn families(&self) -> &[Family] {
        std::slice::from_ref(&PAIRS_FAMILY)
    }

    fn split<'a>(
        &self,
        family: Family,
        cur: &mut Cursor<'a>,
        _ctx: &DecodeContext,
    ) -> Result<&'a [u8], Error> {
        cur.take_slice(2).map_err(|e| Error::from_buffer(family, e))
    }

    fn decode<'a>(
        &self,
        family: Family,
        wire: &'a [u8],
        offset: usize,
        ctx: &DecodeContext,
    ) -> Result<Decoded<'a>, Error> {
        UNICAST
            .decode(Family::IPV4_UNICAST, wire, offset, ctx)
            .map_err(|_| Error::Value {
                family,
                what: "pair",
                value: 0,
                offset,
            })
    }
}

#[test]
fn new_family_and_unregistered_family() {
    let f = PAIRS_FAMILY;
    let wire = [8, 10, 8, 192];
    let ctx = DecodeContext::default();

    // Unregistered: one opaque NLRI with every byte, never an error.
    let builtin = Registry::default();
    assert!(!builtin.knows(f));
    let all: Vec<_> = builtin
        .iter(f, Cursor::new(&wire), &ctx)
        .map(|n| n.unwrap().to_string())
        .collect();
    assert_eq!(all, ["raw:080a08c0"]);

    let mut registry = Registry::default();
    registry.register(&PAIRS);
    assert!(registry.knows(f));
    let all: Vec<_> = registry
        .iter(f, Cursor::new(&wire), &ctx)
        .map(|n| n.unwrap().to_string())
        .collect();
    assert_eq!(all, ["10.0.0.0/8", "192.0.0.0/8"]);
}

#[test]
fn field_policies_default_and_user_override() {
    use ribcage_intern::Policy;
    use ribcage_nlri::FieldPolicies;

    let mut registry = Registry::default();
    for d in ribcage_nlri::DEFAULT_FAMILIES {
        for &f in d.families() {
            assert_eq!(registry.policies(f), FieldPolicies::default(), "{f}");
        }
    }
    let mine = FieldPolicies {
        route_distinguisher: Policy::Weak,
        labels: Policy::Lru { capacity: 100 },
        ..FieldPolicies::default()
    };
    registry.set_policies(Family::IPV4_MPLS_VPN, mine);
    assert_eq!(registry.policies(Family::IPV4_MPLS_VPN), mine);
    assert_eq!(
        registry.policies(Family::IPV6_MPLS_VPN),
        FieldPolicies::default()
    );
    let again = FieldPolicies::all(Policy::Unbounded);
    registry.set_policies(Family::IPV4_MPLS_VPN, again);
    assert_eq!(registry.policies(Family::IPV4_MPLS_VPN), again);
}

/// The built-in decoders list disjoint families, which `Registry::decoder`'s forward search
/// for the built-in registry relies on; and it finds what a registry of the same decoders
/// built by hand (searched last-registered first) finds.
#[test]
fn builtin_lookup_agrees_with_the_general_search() {
    use ribcage_nlri::DEFAULT_FAMILIES;
    let mut seen = std::collections::HashSet::new();
    for d in DEFAULT_FAMILIES {
        for f in d.families() {
            assert!(seen.insert(*f), "{f} listed twice");
        }
    }
    let builtin = Registry::BUILTIN;
    let general = Registry::new(DEFAULT_FAMILIES);
    let mut families: Vec<Family> = seen.into_iter().collect();
    families.push(Family::new(Afi(3), Safi(77)));
    families.push(Family::new(Afi::IPV4, Safi(200)));
    for f in families {
        let (a, b) = (builtin.decoder(f), general.decoder(f));
        assert!(
            std::ptr::addr_eq(a as *const dyn FamilyDecoder, b as *const dyn FamilyDecoder),
            "{f}: {a:?} vs {b:?}"
        );
    }
}

/// One item of an NLRI iterator, compared field by field (an [`NlriRef`] has no `PartialEq`).
type Seen = Result<(Family, Option<u32>, Vec<u8>, usize, Option<Prefix>, String), Error>;

fn seen(registry: &Registry, family: Family, wire: &[u8], ctx: &DecodeContext) -> Vec<Seen> {
    registry
        .iter(family, Cursor::with_base(wire, 40), ctx)
        .map(|n| {
            n.map(|n| {
                (
                    n.family(),
                    n.path_id(),
                    n.wire().to_vec(),
                    n.offset(),
                    n.prefix(),
                    format!("{:?} {}", n.decode(), n.to_owned()),
                )
            })
        })
        .collect()
}

proptest::proptest! {
    /// The built-in registry splits and decodes unicast and multicast NLRI directly (no
    /// dynamic call); a registry of the same decoders built by hand goes through the decoder
    /// trait. Both yield the same NLRI, prefixes, decodes and errors, ADD-PATH or not.
    #[test]
    fn direct_unicast_path_agrees_with_the_decoder(
        wire in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80),
        lens in proptest::collection::vec(0u8..=140, 0..8),
        family_index in 0usize..4,
        add_path in proptest::prelude::any::<bool>(),
    ) {
        use ribcage_nlri::DEFAULT_FAMILIES;
        let family = [
            Family::IPV4_UNICAST,
            Family::IPV6_UNICAST,
            Family::IPV4_MULTICAST,
            Family::IPV6_MULTICAST,
        ][family_index];
        // Plausible prefixes first (lengths from `lens`, octets from `wire`), then the raw
        // bytes, which end the run with whatever error they make.
        let mut run = Vec::new();
        let mut bytes = wire.iter().copied().cycle();
        for len in lens {
            if add_path {
                run.extend([0, 0, 0, len]);
            }
            run.push(len);
            run.extend(bytes.by_ref().take(usize::from(len).div_ceil(8)));
        }
        run.extend_from_slice(&wire);
        let ctx = DecodeContext::default().with_add_path_all(add_path);
        let general = Registry::new(DEFAULT_FAMILIES);
        proptest::prop_assert_eq!(
            seen(&Registry::BUILTIN, family, &run, &ctx),
            seen(&general, family, &run, &ctx)
        );
    }
}

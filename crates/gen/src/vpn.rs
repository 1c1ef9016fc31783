//! `vpn`: the VPNv4 scenario as an MRT file of BGP4MP `MESSAGE_AS4` records (RFC 6396 §4.4.3),
//! each an UPDATE whose routes travel in MP_REACH_NLRI (RFC 4760 §3) with AFI 1 / SAFI 128
//! (RFC 4364 §4.3.4): a label stack of one label (RFC 3107 §3), a type-0 route distinguisher
//! (RFC 4364 §4.2) and an IPv4 prefix; the next hop is an 8-octet zero RD plus an IPv4 address.
//!
//! Shape: updates go round-robin over the V route distinguishers `0:65000:(r+1)`; each carries up
//! to K routes of one RD, with the attributes that RD's VRF shares: ORIGIN IGP, AS_PATH of one
//! customer AS (64512 + r mod 1000), LOCAL_PREF 100, the route target `0:65000:(r+1)` as an
//! extended community (RFC 4360 §4), and the next hop of PE `10.254.0.(1 + r mod 64)`. Prefixes are
//! distinct within an RD (a bijection of a per-RD counter picks the /24, then a length from 24 to
//! 32, mostly 24); each route draws one of L labels `16..16+L`.

use std::io::Write;

use crate::mrt::{
    push_attr, write_record, Counted, AS_SEQUENCE, ATTR_AS_PATH, ATTR_EXTENDED_COMMUNITIES,
    ATTR_LOCAL_PREF, ATTR_MP_REACH_NLRI, ATTR_ORIGIN, BGP4MP, BGP4MP_MESSAGE_AS4, OPTIONAL,
    TRANSITIVE,
};
use crate::rng::mix;
use crate::{GenError, Rng};

/// AFI IPv4 (IANA Address Family Numbers).
const AFI_IPV4: u16 = 1;
/// SAFI MPLS-labeled VPN address (RFC 4364 §4.3.4).
const SAFI_MPLS_VPN: u8 = 128;
/// The AS of the route reflector whose UPDATEs the file records, and of the RDs and RTs.
pub const PROVIDER_AS: u32 = 65000;
/// The most routes one UPDATE may carry: 200 NLRI of at most 16 octets keep it under 4,096.
pub const MAX_PER_UPDATE: u16 = 200;
/// The most route distinguishers [`generate`] accepts (it keeps a counter per RD).
pub const MAX_RDS: u32 = 1 << 20;
/// The first label used (0 to 15 are reserved, RFC 3032 §2.1).
pub const FIRST_LABEL: u32 = 16;
/// The first MRT timestamp (2023-11-14); 100 UPDATEs share each second.
const START_TIME: u32 = 1_700_000_000;
/// Distinct /24s available per RD.
const SLOTS_PER_RD: u64 = 1 << 24;

/// Options of [`generate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpnOptions {
    /// Routes in the file (default 100,000).
    pub routes: u64,
    /// Route distinguishers, 1 to [`MAX_RDS`] (default 10).
    pub rds: u32,
    /// Distinct labels (default 100), at most 2^20 - 16.
    pub labels: u32,
    /// Seed of prefixes, lengths and labels (default 1).
    pub seed: u64,
    /// Routes per UPDATE, 1 to [`MAX_PER_UPDATE`] (default 10).
    pub per_update: u16,
}

impl Default for VpnOptions {
    fn default() -> Self {
        VpnOptions {
            routes: 100_000,
            rds: 10,
            labels: 100,
            seed: 1,
            per_update: 10,
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VpnStats {
    /// BGP4MP records, one UPDATE each.
    pub updates: u64,
    /// VPNv4 routes announced.
    pub routes: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// The type-0 route distinguisher `0:65000:(r+1)` of RD number `r` (RFC 4364 §4.2), 8 octets.
pub fn route_distinguisher(r: u32) -> [u8; 8] {
    let mut rd = [0u8; 8];
    rd[2..4].copy_from_slice(&(PROVIDER_AS as u16).to_be_bytes());
    rd[4..8].copy_from_slice(&(r + 1).to_be_bytes());
    rd
}

fn check(opts: &VpnOptions) -> Result<(), GenError> {
    let bad = |name, value| Err(GenError::BadOption { name, value });
    if opts.rds == 0 || opts.rds > MAX_RDS {
        return bad("rds", u64::from(opts.rds));
    }
    if opts.labels == 0 || opts.labels > (1 << 20) - FIRST_LABEL {
        return bad("labels", u64::from(opts.labels));
    }
    if opts.per_update == 0 || opts.per_update > MAX_PER_UPDATE {
        return bad("per-update", u64::from(opts.per_update));
    }
    let k = u64::from(opts.per_update);
    let updates_per_rd = opts.routes.div_ceil(k).div_ceil(u64::from(opts.rds));
    if updates_per_rd.saturating_mul(k) > SLOTS_PER_RD {
        return bad("routes", opts.routes);
    }
    Ok(())
}

/// Writes the VPNv4 update file described in the module docs to `out`.
pub fn generate(opts: &VpnOptions, out: &mut impl Write) -> Result<VpnStats, GenError> {
    check(opts)?;
    let mut rng = Rng::new(opts.seed);
    // A bijection on 24 bits: xor, multiply by an odd number, add, all mod 2^24.
    let (xor, add) = (mix(opts.seed) & 0xff_ffff, mix(!opts.seed) & 0xff_ffff);
    let slot = |j: u64| ((j ^ xor).wrapping_mul(0x5b_d1e9).wrapping_add(add) & 0xff_ffff) as u32;

    let mut next_slot = vec![0u64; opts.rds as usize];
    let mut written = Counted { inner: out, n: 0 };
    let mut stats = VpnStats::default();
    let (mut nlri, mut attrs, mut msg, mut body) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    while stats.routes < opts.routes {
        let r = (stats.updates % u64::from(opts.rds)) as u32;
        let n = (opts.routes - stats.routes).min(u64::from(opts.per_update));
        nlri.clear();
        for _ in 0..n {
            let j = next_slot[r as usize];
            next_slot[r as usize] += 1;
            let len: u8 = if rng.below(10) < 7 {
                24
            } else {
                25 + rng.below(8) as u8
            };
            let addr = (slot(j) << 8) | host_bits(rng.next_u64() as u32, len);
            let label = FIRST_LABEL + rng.below(u64::from(opts.labels)) as u32;
            nlri.push(24 + 64 + len);
            nlri.extend_from_slice(&((label << 4) | 1).to_be_bytes()[1..]);
            nlri.extend_from_slice(&route_distinguisher(r));
            nlri.extend_from_slice(&addr.to_be_bytes()[..usize::from(len.div_ceil(8))]);
        }
        update_attributes(r, &nlri, &mut attrs);

        msg.clear();
        msg.extend_from_slice(&[0xff; 16]);
        msg.extend_from_slice(&((19 + 4 + attrs.len()) as u16).to_be_bytes());
        msg.push(2); // UPDATE (RFC 4271 §4.3).
        msg.extend_from_slice(&0u16.to_be_bytes());
        msg.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
        msg.extend_from_slice(&attrs);

        body.clear();
        body.extend_from_slice(&PROVIDER_AS.to_be_bytes()); // Peer AS.
        body.extend_from_slice(&PROVIDER_AS.to_be_bytes()); // Local AS.
        body.extend_from_slice(&0u16.to_be_bytes()); // Interface index.
        body.extend_from_slice(&AFI_IPV4.to_be_bytes());
        body.extend_from_slice(&[10, 255, 255, 1]); // Peer address.
        body.extend_from_slice(&[10, 255, 255, 2]); // Local address.
        body.extend_from_slice(&msg);
        let timestamp = START_TIME + (stats.updates / 100) as u32;
        write_record(&mut written, timestamp, BGP4MP, BGP4MP_MESSAGE_AS4, &body)?;
        stats.updates += 1;
        stats.routes += n;
    }
    stats.bytes = written.n;
    Ok(stats)
}

/// The host bits a prefix of length `len` (24 to 32) keeps from a random byte.
fn host_bits(random: u32, len: u8) -> u32 {
    let keep = u32::from(len - 24);
    if keep == 0 {
        0
    } else {
        (random & 0xff) & (0xff << (8 - keep)) & 0xff
    }
}

/// The path attributes of an UPDATE for RD number `r` carrying `nlri`, in type-code order.
fn update_attributes(r: u32, nlri: &[u8], out: &mut Vec<u8>) {
    out.clear();
    push_attr(out, TRANSITIVE, ATTR_ORIGIN, &[0]);
    let mut path = vec![AS_SEQUENCE, 1];
    path.extend_from_slice(&(64512 + r % 1000).to_be_bytes());
    push_attr(out, TRANSITIVE, ATTR_AS_PATH, &path);
    push_attr(out, TRANSITIVE, ATTR_LOCAL_PREF, &100u32.to_be_bytes());

    let mut reach = Vec::with_capacity(17 + nlri.len());
    reach.extend_from_slice(&AFI_IPV4.to_be_bytes());
    reach.push(SAFI_MPLS_VPN);
    reach.push(12);
    reach.extend_from_slice(&[0; 8]);
    reach.extend_from_slice(&[10, 254, 0, 1 + (r % 64) as u8]);
    reach.push(0); // Reserved.
    reach.extend_from_slice(nlri);
    push_attr(out, OPTIONAL, ATTR_MP_REACH_NLRI, &reach);

    let mut rt = vec![0x00, 0x02];
    rt.extend_from_slice(&(PROVIDER_AS as u16).to_be_bytes());
    rt.extend_from_slice(&(r + 1).to_be_bytes());
    push_attr(out, OPTIONAL | TRANSITIVE, ATTR_EXTENDED_COMMUNITIES, &rt);
}

//! `table`: a TABLE_DUMP_V2 RIB (RFC 6396 §4.3) in which each of P peers carries a real table.
//!
//! The source is a legacy TABLE_DUMP file (RFC 6396 §4.2), such as the bundled 2002 RIS dump.
//! Its routes are grouped by prefix (sorted by network then length; within a prefix, file
//! order), and each group becomes one RIB_IPV4_UNICAST record (RFC 6396 §4.3.2) with one entry
//! per generated peer. Peer `p` takes the group's route number `p % n` (so peers disagree where
//! the source had several paths) and varies it:
//!
//! - its own AS ([`peer_as`]) is prepended to AS_PATH, which is rewritten with four-octet AS
//!   numbers as RFC 6396 §4.3.4 requires (AGGREGATOR likewise; AS4_PATH and AS4_AGGREGATOR are
//!   dropped);
//! - NEXT_HOP becomes the peer's own address ([`peer_ip`]);
//! - one community `peer_as:N` is appended, N in 100..150 chosen by hashing the seed, the peer
//!   and the route's neighbour AS (the first AS of the source path): peers tag routes by where
//!   they learned them, as networks do, so attribute sets vary per peer without becoming unique.

use std::collections::BTreeMap;
use std::io::Write;

use crate::mrt::{
    push_attr, write_record, Counted, AS_SEQUENCE, ATTR_AGGREGATOR, ATTR_AS4_AGGREGATOR,
    ATTR_AS4_PATH, ATTR_AS_PATH, ATTR_COMMUNITIES, ATTR_NEXT_HOP, OPTIONAL, PEER_INDEX_TABLE,
    RIB_IPV4_UNICAST, TABLE_DUMP_V2, TRANSITIVE,
};
use crate::rng::mix;
use crate::source::{read_table_dump, split_attributes, SourceRoute};
use crate::GenError;

/// The most peers [`generate`] accepts.
pub const MAX_PEERS: u16 = 1000;

/// Options of [`generate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOptions {
    /// Number of peers, 1 to [`MAX_PEERS`] (default 20).
    pub peers: u16,
    /// Seed of the per-peer variation (default 1).
    pub seed: u64,
    /// Stop after this many prefixes (`None`: the whole source), for small test files.
    pub max_prefixes: Option<usize>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            peers: 20,
            seed: 1,
            max_prefixes: None,
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableStats {
    /// Peers in the PEER_INDEX_TABLE.
    pub peers: u16,
    /// RIB_IPV4_UNICAST records, one per prefix.
    pub prefixes: u64,
    /// RIB entries (routes): `peers * prefixes`.
    pub routes: u64,
    /// TABLE_DUMP AFI_IPv4 routes read from the source.
    pub source_routes: u64,
    /// Source records of other types, skipped.
    pub skipped_source_records: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// The AS number of generated peer `p` (0-based): 64512 + p, a private AS.
pub fn peer_as(p: u16) -> u32 {
    64512 + u32::from(p)
}

/// The address, BGP identifier and next hop of generated peer `p` (0-based): 10.0.x.y with
/// x.y = p + 1.
pub fn peer_ip(p: u16) -> [u8; 4] {
    let n = p + 1;
    [10, 0, (n >> 8) as u8, n as u8]
}

/// The community generated peer `p` appends to a route whose neighbour AS is `neighbour`.
pub fn peer_community(seed: u64, p: u16, neighbour: u32) -> u32 {
    let h = mix(seed ^ (u64::from(p) << 40) ^ u64::from(neighbour));
    (peer_as(p) << 16) | (100 + (h % 50) as u32)
}

/// Reads the TABLE_DUMP routes of `source` (an uncompressed MRT file) and writes the P-peer
/// TABLE_DUMP_V2 RIB to `out`.
pub fn generate(
    source: &[u8],
    opts: &TableOptions,
    out: &mut impl Write,
) -> Result<TableStats, GenError> {
    if opts.peers == 0 || opts.peers > MAX_PEERS {
        return Err(GenError::BadOption {
            name: "peers",
            value: u64::from(opts.peers),
        });
    }
    let scan = read_table_dump(source)?;
    let first = scan.routes.first().ok_or(GenError::EmptySource)?;
    let timestamp = first.timestamp;

    let mut groups: BTreeMap<(u32, u8), Vec<SourceRoute<'_>>> = BTreeMap::new();
    for route in &scan.routes {
        groups
            .entry((route.network(), route.prefix_len))
            .or_default()
            .push(*route);
    }

    let mut written = Counted { inner: out, n: 0 };
    write_record(
        &mut written,
        timestamp,
        TABLE_DUMP_V2,
        PEER_INDEX_TABLE,
        &peer_index_table(opts.peers),
    )?;

    let limit = opts.max_prefixes.unwrap_or(usize::MAX);
    let mut stats = TableStats {
        peers: opts.peers,
        source_routes: scan.routes.len() as u64,
        skipped_source_records: scan.skipped_records,
        ..TableStats::default()
    };
    let mut body = Vec::new();
    let mut attrs = Vec::new();
    for (sequence, ((network, len), routes)) in groups.iter().take(limit).enumerate() {
        body.clear();
        body.extend_from_slice(&(sequence as u32).to_be_bytes());
        body.push(*len);
        body.extend_from_slice(&network.to_be_bytes()[..usize::from(len.div_ceil(8))]);
        body.extend_from_slice(&opts.peers.to_be_bytes());
        for p in 0..opts.peers {
            let route = &routes[usize::from(p) % routes.len()];
            attrs.clear();
            peer_attributes(route, p, opts.seed, &mut attrs)?;
            if attrs.len() > usize::from(u16::MAX) {
                // The four-octet AS_PATH and the added community no longer fit a RIB entry.
                return Err(GenError::Unexpected {
                    what: "rewritten attribute length",
                    value: attrs.len() as u64,
                    offset: route.attributes_offset,
                });
            }
            body.extend_from_slice(&p.to_be_bytes());
            body.extend_from_slice(&route.originated.to_be_bytes());
            body.extend_from_slice(&(attrs.len() as u16).to_be_bytes());
            body.extend_from_slice(&attrs);
        }
        write_record(
            &mut written,
            timestamp,
            TABLE_DUMP_V2,
            RIB_IPV4_UNICAST,
            &body,
        )?;
        stats.prefixes += 1;
        stats.routes += u64::from(opts.peers);
    }
    stats.bytes = written.n;
    Ok(stats)
}

/// The PEER_INDEX_TABLE body (RFC 6396 §4.3.1): IPv4 peers with four-octet AS numbers.
fn peer_index_table(peers: u16) -> Vec<u8> {
    const VIEW: &[u8] = b"ribcage-gen";
    let mut b = Vec::new();
    b.extend_from_slice(&[192, 0, 2, 1]);
    b.extend_from_slice(&(VIEW.len() as u16).to_be_bytes());
    b.extend_from_slice(VIEW);
    b.extend_from_slice(&peers.to_be_bytes());
    for p in 0..peers {
        b.push(0x02); // Peer type: IPv4 address, four-octet AS.
        b.extend_from_slice(&peer_ip(p));
        b.extend_from_slice(&peer_ip(p));
        b.extend_from_slice(&peer_as(p).to_be_bytes());
    }
    b
}

/// Rewrites a source route's attributes for peer `p` into `out` (see the module docs).
fn peer_attributes(
    route: &SourceRoute<'_>,
    p: u16,
    seed: u64,
    out: &mut Vec<u8>,
) -> Result<(), GenError> {
    let attrs = split_attributes(route.attributes, route.attributes_offset)?;
    let mut neighbour = u32::from(route.peer_as);
    for &(_, code, value, offset) in &attrs {
        if code == ATTR_AS_PATH {
            if let Some(first) = first_as2(value, offset)? {
                neighbour = first;
            }
        }
    }
    let ours = peer_community(seed, p, neighbour).to_be_bytes();
    let mut communities_done = false;
    let mut value = Vec::new();
    for &(flags, code, raw, offset) in &attrs {
        if !communities_done && code > ATTR_COMMUNITIES {
            push_attr(out, OPTIONAL | TRANSITIVE, ATTR_COMMUNITIES, &ours);
            communities_done = true;
        }
        value.clear();
        match code {
            ATTR_AS_PATH => {
                prepend_as4(raw, offset, peer_as(p), &mut value)?;
                push_attr(out, flags, code, &value);
            }
            ATTR_NEXT_HOP => push_attr(out, flags, code, &peer_ip(p)),
            ATTR_AGGREGATOR => match raw.len() {
                6 => {
                    value.extend_from_slice(&[0, 0]);
                    value.extend_from_slice(raw);
                    push_attr(out, flags, code, &value);
                }
                8 => push_attr(out, flags, code, raw),
                _ => return Err(GenError::BadAttribute { code, offset }),
            },
            ATTR_COMMUNITIES => {
                value.extend_from_slice(raw);
                value.extend_from_slice(&ours);
                push_attr(out, flags, code, &value);
                communities_done = true;
            }
            ATTR_AS4_PATH | ATTR_AS4_AGGREGATOR => {}
            _ => push_attr(out, flags, code, raw),
        }
    }
    if !communities_done {
        push_attr(out, OPTIONAL | TRANSITIVE, ATTR_COMMUNITIES, &ours);
    }
    Ok(())
}

/// Splits a two-octet AS_PATH (RFC 4271 §4.3) into (segment type, AS numbers) pairs.
fn segments2(value: &[u8], offset: usize) -> Result<Vec<(u8, Vec<u32>)>, GenError> {
    let bad = GenError::BadAttribute {
        code: ATTR_AS_PATH,
        offset,
    };
    let mut out = Vec::new();
    let mut at = 0;
    while at < value.len() {
        let (kind, count) = match value.get(at..at + 2) {
            Some(h) => (h[0], usize::from(h[1])),
            None => return Err(bad),
        };
        let Some(asns) = value.get(at + 2..at + 2 + 2 * count) else {
            return Err(bad);
        };
        let asns = asns
            .chunks_exact(2)
            .map(|c| u32::from(u16::from_be_bytes([c[0], c[1]])))
            .collect();
        out.push((kind, asns));
        at += 2 + 2 * count;
    }
    Ok(out)
}

/// The first AS of a two-octet AS_PATH, if it has one.
fn first_as2(value: &[u8], offset: usize) -> Result<Option<u32>, GenError> {
    Ok(segments2(value, offset)?
        .into_iter()
        .find_map(|(_, asns)| asns.first().copied()))
}

/// Writes the four-octet form of a two-octet AS_PATH with `asn` prepended into `out`.
fn prepend_as4(value: &[u8], offset: usize, asn: u32, out: &mut Vec<u8>) -> Result<(), GenError> {
    let mut segments = segments2(value, offset)?;
    match segments.first_mut() {
        Some((AS_SEQUENCE, asns)) if asns.len() < 255 => asns.insert(0, asn),
        _ => segments.insert(0, (AS_SEQUENCE, vec![asn])),
    }
    for (kind, asns) in &segments {
        out.extend_from_slice(&[*kind, asns.len() as u8]);
        for a in asns {
            out.extend_from_slice(&a.to_be_bytes());
        }
    }
    Ok(())
}

//! [`Rib::write_bgpdump`]: the store printed as `bgpdump -m` lines, by rebuilding for each
//! route the MRT record that would have put it there and handing it to `ribcage-mrt`'s
//! formatter (so there is one bgpdump formatter in the workspace).

use std::io;
use std::net::IpAddr;

use ribcage_buffer::View;
use ribcage_mrt::bgpdump::Bgpdump;
use ribcage_mrt::{MrtRecord, MrtType};
use ribcage_nlri::Afi;

use crate::attrs::{mp_reach_nlri_start, split_attr};
use crate::rib::dumpable;
use crate::{Rib, Route};

/// What [`Rib::write_bgpdump`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DumpStats {
    /// Lines written.
    pub lines: u64,
    /// Routes bgpdump has no line for (families other than IPv4/IPv6 unicast, or records that
    /// could not be rebuilt).
    pub skipped: u64,
}

const TABLE_DUMP_V2_PEER_INDEX: u16 = 1;
const MP_REACH: u8 = 14;

fn put_ip(out: &mut Vec<u8>, ip: IpAddr, v6: bool) {
    match (ip, v6) {
        (IpAddr::V4(a), false) => out.extend_from_slice(&a.octets()),
        (IpAddr::V6(a), true) => out.extend_from_slice(&a.octets()),
        (IpAddr::V4(a), true) => out.extend_from_slice(&a.to_ipv6_mapped().octets()),
        (IpAddr::V6(a), false) => {
            out.extend_from_slice(&a.to_ipv4().map_or([0; 4], |a| a.octets()))
        }
    }
}

impl Rib {
    /// Writes every route (in [`Rib::iter`] order) as the `bgpdump -m` line of the record kind
    /// it came from: `TABLE_DUMP|...|B|`, `TABLE_DUMP2|...|B|` (or `TABLE_DUMP2_AP`), and for
    /// routes learned from UPDATEs the `BGP4MP|...|A|` line of their latest announcement.
    ///
    /// For a RIB dump this is what `bgpdump -m` prints for the file, in a different order.
    pub fn write_bgpdump(&self, out: &mut impl io::Write) -> io::Result<DumpStats> {
        let mut fmt = Bgpdump::new();
        let mut stats = DumpStats::default();
        let mut lines = Vec::with_capacity(1 << 16);
        let mut body = Vec::new();
        let mut attrs = Vec::new();
        if self.peers.len() <= usize::from(u16::MAX) {
            let table = MrtRecord {
                timestamp: 0,
                microseconds: None,
                mrt_type: MrtType::TABLE_DUMP_V2,
                subtype: TABLE_DUMP_V2_PEER_INDEX,
                offset: 0,
                body: View::from(self.peer_index_table()),
            };
            // The peer table yields no lines; an error here leaves TABLE_DUMP_V2 routes unprinted
            // and they are counted below.
            let _ = fmt.write_record(&table, &mut lines);
        }
        for route in self.iter() {
            attrs.clear();
            body.clear();
            let record = self.rebuild(&route, &mut attrs, &mut body);
            match record.and_then(|r| fmt.write_record(&r, &mut lines).ok()) {
                Some(w) if w.lines > 0 => stats.lines += w.lines,
                _ => stats.skipped += 1,
            }
            if lines.len() >= 1 << 16 {
                out.write_all(&lines)?;
                lines.clear();
            }
        }
        out.write_all(&lines)?;
        Ok(stats)
    }

    /// A PEER_INDEX_TABLE (RFC 6396 §4.3.1) listing every peer with a 4-byte AS.
    fn peer_index_table(&self) -> Vec<u8> {
        let mut b = vec![0, 0, 0, 0, 0, 0];
        b.extend_from_slice(&(self.peers.len() as u16).to_be_bytes());
        for p in &self.peers {
            let v6 = p.ip.is_ipv6();
            b.push(0x02 | u8::from(v6));
            b.extend_from_slice(&[0, 0, 0, 0]);
            put_ip(&mut b, p.ip, v6);
            b.extend_from_slice(&p.asn.to_be_bytes());
        }
        b
    }

    /// Rebuilds the record that carried `route`, its body in `body`.
    fn rebuild(
        &self,
        route: &Route<'_>,
        attrs: &mut Vec<u8>,
        body: &mut Vec<u8>,
    ) -> Option<MrtRecord> {
        let header = route.attributes(attrs)?;
        let source = header.source;
        let peer = route.peer_info();
        let wire = route.nlri_wire();
        let v6 = route.family.afi == Afi::IPV6;
        let (mrt_type, subtype) = if source.is_table_dump() {
            // TABLE_DUMP (RFC 6396 §4.2): the prefix unpacked, 2-byte peer AS.
            if !dumpable(route.family) {
                return None;
            }
            let (&len, bytes) = wire.split_first()?;
            body.extend_from_slice(&[0, 0, 0, 0]);
            let mut addr = [0u8; 16];
            addr[..bytes.len().min(16)].copy_from_slice(&bytes[..bytes.len().min(16)]);
            body.extend_from_slice(&addr[..if v6 { 16 } else { 4 }]);
            body.extend_from_slice(&[len, 1, 0, 0, 0, 0]);
            put_ip(body, peer.ip, v6);
            body.extend_from_slice(&u16::try_from(peer.asn).ok()?.to_be_bytes());
            body.extend_from_slice(&u16::try_from(attrs.len()).ok()?.to_be_bytes());
            body.extend_from_slice(attrs);
            (MrtType::TABLE_DUMP, if v6 { 2 } else { 1 })
        } else if source.is_table_dump_v2() {
            // A RIB record (RFC 6396 §4.3.2, RFC 8050 §4) with one entry.
            if !dumpable(route.family) {
                return None;
            }
            let ap = route.path_id.is_some();
            let subtype = match (v6, ap) {
                (false, false) => 2,
                (true, false) => 4,
                (false, true) => 8,
                (true, true) => 10,
            };
            body.extend_from_slice(&[0, 0, 0, 0]);
            body.extend_from_slice(&wire);
            body.extend_from_slice(&1u16.to_be_bytes());
            body.extend_from_slice(&u16::try_from(route.peer.0).ok()?.to_be_bytes());
            body.extend_from_slice(&[0, 0, 0, 0]);
            if let Some(id) = route.path_id {
                body.extend_from_slice(&id.to_be_bytes());
            }
            body.extend_from_slice(&u16::try_from(attrs.len()).ok()?.to_be_bytes());
            body.extend_from_slice(attrs);
            (MrtType::TABLE_DUMP_V2, subtype)
        } else {
            // A BGP4MP UPDATE (RFC 6396 §4.4.2, RFC 4271 §4.3) announcing only this route.
            let as4 = source.four_byte_as();
            let peer_v6 = peer.ip.is_ipv6();
            if as4 {
                body.extend_from_slice(&peer.asn.to_be_bytes());
                body.extend_from_slice(&[0, 0, 0, 0]);
            } else {
                body.extend_from_slice(&u16::try_from(peer.asn).ok()?.to_be_bytes());
                body.extend_from_slice(&[0, 0]);
            }
            body.extend_from_slice(&[0, 0, 0, if peer_v6 { 2 } else { 1 }]);
            put_ip(body, peer.ip, peer_v6);
            body.extend_from_slice(if peer_v6 { &[0; 16][..] } else { &[0; 4][..] });
            let mut nlri = Vec::with_capacity(wire.len() + 4);
            if let Some(id) = route.path_id {
                nlri.extend_from_slice(&id.to_be_bytes());
            }
            nlri.extend_from_slice(&wire);
            let fam = route.family;
            let mut block = Vec::with_capacity(attrs.len() + nlri.len() + 2);
            let mut placed = false;
            let mut pos = 0;
            while let Some((flags, code, value, next)) = split_attr(attrs, pos) {
                let same_family = value.len() >= 3
                    && u16::from_be_bytes([value[0], value[1]]) == fam.afi.0
                    && value[2] == fam.safi.0;
                if code == MP_REACH
                    && !placed
                    && same_family
                    && mp_reach_nlri_start(value).is_some()
                {
                    let len = value.len() + nlri.len();
                    let flags = if len > 255 { flags | 0x10 } else { flags };
                    block.extend_from_slice(&[flags, code]);
                    if flags & 0x10 != 0 {
                        block.extend_from_slice(&u16::try_from(len).ok()?.to_be_bytes());
                    } else {
                        block.push(len as u8);
                    }
                    block.extend_from_slice(value);
                    block.extend_from_slice(&nlri);
                    placed = true;
                } else {
                    block.extend_from_slice(&attrs[pos..next]);
                }
                pos = next;
            }
            block.extend_from_slice(&attrs[pos..]);
            let body_nlri: &[u8] = if placed {
                &[]
            } else if fam == ribcage_nlri::Family::IPV4_UNICAST {
                &nlri
            } else {
                return None;
            };
            let msg_len = 19 + 2 + 2 + block.len() + body_nlri.len();
            body.extend_from_slice(&[0xff; 16]);
            body.extend_from_slice(&u16::try_from(msg_len).ok()?.to_be_bytes());
            body.push(2);
            body.extend_from_slice(&[0, 0]);
            body.extend_from_slice(&u16::try_from(block.len()).ok()?.to_be_bytes());
            body.extend_from_slice(&block);
            body.extend_from_slice(body_nlri);
            let mrt_type = if source.et() {
                MrtType::BGP4MP_ET
            } else {
                MrtType::BGP4MP
            };
            (mrt_type, source.bgp4mp_subtype())
        };
        Some(MrtRecord {
            timestamp: header.time,
            microseconds: header.micros,
            mrt_type,
            subtype,
            offset: 0,
            body: View::from(std::mem::take(body)),
        })
    }
}

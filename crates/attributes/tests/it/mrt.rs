//! A minimal MRT reader for tests: BGP4MP messages and TABLE_DUMP entries from the RIS fixtures
//! (RFC 6396 §4.4, §4.2). The real decoder lives in ribcage-mrt; this one only feeds tests.

use std::io::Read;
use std::net::IpAddr;

/// Path of a fixture under the repository's testdata/ris.
pub(crate) fn ris(name: &str) -> String {
    format!("{}/../../testdata/ris/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The decompressed bytes of a fixture.
pub(crate) fn read_gz(name: &str) -> Vec<u8> {
    let f = std::fs::File::open(ris(name)).unwrap();
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(f)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// One MRT record: header fields and body.
pub(crate) struct Record<'a> {
    pub(crate) ts: u32,
    pub(crate) typ: u16,
    pub(crate) subtype: u16,
    pub(crate) body: &'a [u8],
}

/// Splits MRT records.
pub(crate) fn records(data: &[u8]) -> impl Iterator<Item = Record<'_>> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let h = data.get(pos..pos + 12)?;
        let len = u32::from_be_bytes([h[8], h[9], h[10], h[11]]) as usize;
        let body = data.get(pos + 12..pos + 12 + len)?;
        pos += 12 + len;
        Some(Record {
            ts: u32::from_be_bytes([h[0], h[1], h[2], h[3]]),
            typ: u16::from_be_bytes([h[4], h[5]]),
            subtype: u16::from_be_bytes([h[6], h[7]]),
            body,
        })
    })
}

/// A BGP4MP MESSAGE or MESSAGE_AS4 record's fields.
pub(crate) struct Message<'a> {
    pub(crate) ts: u32,
    pub(crate) four_byte: bool,
    pub(crate) peer_as: u32,
    pub(crate) peer_ip: IpAddr,
    /// The whole BGP message, header included.
    pub(crate) msg: &'a [u8],
}

fn ip(b: &[u8]) -> IpAddr {
    if b.len() == 4 {
        IpAddr::from(<[u8; 4]>::try_from(b).unwrap())
    } else {
        IpAddr::from(<[u8; 16]>::try_from(b).unwrap())
    }
}

/// The BGP4MP MESSAGE (16/1) and MESSAGE_AS4 (16/4) records of an MRT stream.
pub(crate) fn messages(data: &[u8]) -> impl Iterator<Item = Message<'_>> {
    records(data).filter_map(|r| {
        if r.typ != 16 || !(r.subtype == 1 || r.subtype == 4) {
            return None;
        }
        let four = r.subtype == 4;
        let b = r.body;
        let (peer_as, rest) = if four {
            (u32::from_be_bytes([b[0], b[1], b[2], b[3]]), &b[8..])
        } else {
            (u32::from(u16::from_be_bytes([b[0], b[1]])), &b[4..])
        };
        let afi = u16::from_be_bytes([rest[2], rest[3]]);
        let alen = if afi == 2 { 16 } else { 4 };
        let peer_ip = ip(&rest[4..4 + alen]);
        let msg = &rest[4 + 2 * alen..];
        Some(Message {
            ts: r.ts,
            four_byte: four,
            peer_as,
            peer_ip,
            msg,
        })
    })
}

/// A TABLE_DUMP (12/1, IPv4) entry's fields.
pub(crate) struct TableDump<'a> {
    pub(crate) ts: u32,
    pub(crate) prefix: [u8; 4],
    pub(crate) len: u8,
    pub(crate) peer_ip: IpAddr,
    pub(crate) peer_as: u32,
    pub(crate) attrs: &'a [u8],
}

/// The TABLE_DUMP AFI_IPv4 entries of an MRT stream.
pub(crate) fn table_dump(data: &[u8]) -> impl Iterator<Item = TableDump<'_>> {
    records(data).filter_map(|r| {
        if r.typ != 12 || r.subtype != 1 {
            return None;
        }
        let b = r.body;
        let alen = usize::from(u16::from_be_bytes([b[20], b[21]]));
        Some(TableDump {
            ts: r.ts,
            prefix: [b[4], b[5], b[6], b[7]],
            len: b[8],
            peer_ip: ip(&b[14..18]),
            peer_as: u32::from(u16::from_be_bytes([b[18], b[19]])),
            attrs: &b[22..22 + alen],
        })
    })
}

//! One module per MRT record type (RFC 6396 §4, RFC 8050), each giving typed views of a record
//! body with the attribute bytes left raw.

pub mod t12_table_dump;
pub mod t13_table_dump_v2;
pub mod t16_bgp4mp;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ribcage_buffer::Cursor;
use ribcage_nlri::Afi;

use crate::Error;

/// Reads an IPv4 (AFI 1) or IPv6 (AFI 2) address; other AFIs are an error at `offset`.
pub(crate) fn read_ip(cur: &mut Cursor<'_>, afi: Afi, offset: usize) -> Result<IpAddr, Error> {
    match afi {
        Afi::IPV4 => Ok(IpAddr::V4(Ipv4Addr::from(cur.read_array::<4>()?))),
        Afi::IPV6 => Ok(IpAddr::V6(Ipv6Addr::from(cur.read_array::<16>()?))),
        Afi(afi) => Err(Error::Afi { afi, offset }),
    }
}

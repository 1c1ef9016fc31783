//! [`Prefix`]: an IPv4 or IPv6 prefix as decoded from NLRI.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::Afi;

/// An IP prefix: an address with its host bits cleared, and a length in bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefix {
    addr: IpAddr,
    len: u8,
}

impl Prefix {
    /// A prefix from an address and a length; host bits are cleared. `None` if `len` is over
    /// 32 (IPv4) or 128 (IPv6).
    pub fn new(addr: IpAddr, len: u8) -> Option<Self> {
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (len <= max).then(|| Self {
            addr: mask(addr, len),
            len,
        })
    }

    /// A prefix from the packed wire form (RFC 4271 §4.3): `bytes` holds the `len.div_ceil(8)`
    /// significant octets. Host bits are cleared. `None` if the length is over the AFI's maximum,
    /// `bytes` is too short, or the AFI is neither IPv4 nor IPv6.
    #[inline]
    pub fn from_wire(afi: Afi, len: u8, bytes: &[u8]) -> Option<Self> {
        let n = usize::from(len).div_ceil(8);
        let bytes = bytes.get(..n)?;
        let addr = match afi {
            Afi::IPV4 if len <= 32 => {
                // At most 4 octets (`len <= 32`); matched, not copied (no `memcpy` call).
                let a = match *bytes {
                    [] => [0; 4],
                    [a] => [a, 0, 0, 0],
                    [a, b] => [a, b, 0, 0],
                    [a, b, c] => [a, b, c, 0],
                    [a, b, c, d] => [a, b, c, d],
                    _ => return None,
                };
                let m = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
                return Some(Self {
                    addr: IpAddr::V4(Ipv4Addr::from(u32::from_be_bytes(a) & m)),
                    len,
                });
            }
            Afi::IPV6 if len <= 128 => {
                let mut a = [0u8; 16];
                a[..n].copy_from_slice(bytes);
                IpAddr::V6(Ipv6Addr::from(a))
            }
            _ => return None,
        };
        Self::new(addr, len)
    }

    /// The network address (host bits cleared).
    pub fn addr(&self) -> IpAddr {
        self.addr
    }

    /// The prefix length in bits.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u8 {
        self.len
    }

    /// Whether `addr` lies inside this prefix.
    pub fn contains(&self, addr: IpAddr) -> bool {
        addr.is_ipv4() == self.addr.is_ipv4() && mask(addr, self.len) == self.addr
    }
}

/// Clears the bits of `addr` past `len`.
fn mask(addr: IpAddr, len: u8) -> IpAddr {
    match addr {
        IpAddr::V4(a) => {
            let m = u32::MAX
                .checked_shl(32 - u32::from(len.min(32)))
                .unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(u32::from(a) & m))
        }
        IpAddr::V6(a) => {
            let m = u128::MAX
                .checked_shl(128 - u32::from(len.min(128)))
                .unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(a) & m))
        }
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.len)
    }
}

impl fmt::Debug for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Prefix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

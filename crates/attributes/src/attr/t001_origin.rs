//! ORIGIN (type 1; RFC 4271 §5.1.1): who originated the route. RFC 7606 §7.1: a length other
//! than 1 or an undefined value is treat-as-withdraw.

use std::fmt;

use crate::{Error, RawAttribute};

/// The ORIGIN value. An open newtype; only the three values below are valid on the wire.
///
/// Being `Copy` and one byte, every ORIGIN is its own singleton: nothing is allocated or interned.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin(pub u8);

impl Origin {
    /// Learned from an interior protocol.
    pub const IGP: Origin = Origin(0);
    /// Learned through EGP.
    pub const EGP: Origin = Origin(1);
    /// Learned some other way.
    pub const INCOMPLETE: Origin = Origin(2);

    /// Decodes the attribute value.
    pub fn from_raw(raw: &RawAttribute<'_>) -> Result<Self, Error> {
        let [v] = raw.fixed()?;
        if v > 2 {
            return Err(Error::Value {
                code: raw.code,
                what: "origin",
                value: v.into(),
                offset: raw.value_offset(),
            });
        }
        Ok(Origin(v))
    }

    /// The name bgpdump prints: `IGP`, `EGP` or `INCOMPLETE` (`None` for undefined values).
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::IGP => "IGP",
            Self::EGP => "EGP",
            Self::INCOMPLETE => "INCOMPLETE",
            _ => return None,
        })
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "{}", self.0),
        }
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "Origin({})", self.0),
        }
    }
}

impl serde::Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

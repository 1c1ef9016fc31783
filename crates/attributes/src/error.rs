//! The crate's error type, [`Error`], and the RFC 7606 classification of errors:
//! [`ErrorAction`], [`Problem`] and [`Outcome`].

use std::fmt;

use ribcage_nlri::Family;

use crate::{AttrFlags, AttrType};

/// Everything that can be wrong in an UPDATE message or an attribute block.
///
/// Every variant carries the absolute offset where the problem was found. Framing errors of the
/// UPDATE body ([`Error::WithdrawnLength`], [`Error::AttributesLength`]) come from
/// [`Update::parse`](crate::Update::parse); the others come from the attribute and NLRI iterators
/// and accessors, and are classified by [`Error::action`] per RFC 7606.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input ended before a fixed field (message header, length fields). The caller drops
    /// the message (RFC 7606 §4: session reset).
    #[error("truncated: needed {needed} bytes at offset {offset}, {available} available")]
    Truncated {
        /// Bytes needed.
        needed: usize,
        /// Bytes available.
        available: usize,
        /// Absolute offset of the read.
        offset: usize,
    },
    /// The message header is not an UPDATE or its length field disagrees with the bytes. The
    /// caller drops the message.
    #[error("bad BGP message header at offset {offset}: type {kind}, length {length}")]
    Header {
        /// The message type found.
        kind: u8,
        /// The length field found.
        length: usize,
        /// Absolute offset of the header.
        offset: usize,
    },
    /// The Withdrawn Routes Length overruns the body (RFC 7606 §4: session reset).
    #[error(
        "withdrawn routes length {length} overruns the {available} bytes left at offset {offset}"
    )]
    WithdrawnLength {
        /// The length field.
        length: usize,
        /// Bytes left after the field.
        available: usize,
        /// Absolute offset of the length field.
        offset: usize,
    },
    /// The Total Path Attribute Length overruns the body (RFC 7606 §4: session reset).
    #[error("total path attribute length {length} overruns the {available} bytes left at offset {offset}")]
    AttributesLength {
        /// The length field.
        length: usize,
        /// Bytes left after the field.
        available: usize,
        /// Absolute offset of the length field.
        offset: usize,
    },
    /// An attribute header or value overruns the attribute block (RFC 7606 §4: treat-as-withdraw;
    /// attributes after it cannot be found).
    #[error("attribute {code} of length {length} overruns the {available} bytes left at offset {offset}")]
    AttributeOverrun {
        /// The attribute type, if its header could be read (else 0).
        code: AttrType,
        /// The attribute length, if it could be read.
        length: usize,
        /// Bytes left in the block after the header.
        available: usize,
        /// Absolute offset of the attribute's flags octet.
        offset: usize,
    },
    /// An attribute's flags conflict with its type (RFC 7606 §3 c).
    #[error("attribute {code} has flags {flags} at offset {offset}")]
    Flags {
        /// The attribute type.
        code: AttrType,
        /// The flags found.
        flags: AttrFlags,
        /// Absolute offset of the flags octet.
        offset: usize,
    },
    /// An attribute's length is not one its type allows.
    #[error("attribute {code} has invalid length {length} at offset {offset}")]
    Length {
        /// The attribute type.
        code: AttrType,
        /// The length found.
        length: usize,
        /// Absolute offset of the attribute value.
        offset: usize,
    },
    /// A field inside an attribute has a value its type does not allow.
    #[error("attribute {code}: {what} has invalid value {value} at offset {offset}")]
    Value {
        /// The attribute type.
        code: AttrType,
        /// Which field: a short, static description.
        what: &'static str,
        /// The value found.
        value: u64,
        /// Absolute offset of the field.
        offset: usize,
    },
    /// A field inside an attribute overruns the attribute's value.
    #[error("attribute {code}: {what} overruns the value at offset {offset}")]
    Overrun {
        /// The attribute type.
        code: AttrType,
        /// Which field.
        what: &'static str,
        /// Absolute offset of the field.
        offset: usize,
    },
    /// An attribute appears more than once (RFC 7606 §3 g).
    #[error("attribute {code} repeated at offset {offset}")]
    Duplicate {
        /// The attribute type.
        code: AttrType,
        /// Absolute offset of the repeated attribute.
        offset: usize,
    },
    /// A well-known mandatory attribute is missing from an UPDATE that announces routes
    /// (RFC 7606 §3 d). `offset` is that of the attribute block.
    #[error("mandatory attribute {code} missing (attributes at offset {offset})")]
    Missing {
        /// The missing attribute type.
        code: AttrType,
        /// Absolute offset of the attribute block.
        offset: usize,
    },
    /// An NLRI (body NLRI, withdrawn routes, or inside MP_REACH/MP_UNREACH) could not be split
    /// off (RFC 7606 §5.3: session reset or AFI/SAFI disable).
    #[error("NLRI error in {code}: {source}")]
    Nlri {
        /// The field that carried the NLRI: MP_REACH_NLRI, MP_UNREACH_NLRI, or 0 for the body.
        code: AttrType,
        /// The NLRI crate's error (family and offset inside).
        source: ribcage_nlri::Error,
    },
}

impl Error {
    /// Absolute offset where the error was found.
    pub fn offset(&self) -> usize {
        match self {
            Error::Truncated { offset, .. }
            | Error::Header { offset, .. }
            | Error::WithdrawnLength { offset, .. }
            | Error::AttributesLength { offset, .. }
            | Error::AttributeOverrun { offset, .. }
            | Error::Flags { offset, .. }
            | Error::Length { offset, .. }
            | Error::Value { offset, .. }
            | Error::Overrun { offset, .. }
            | Error::Duplicate { offset, .. }
            | Error::Missing { offset, .. } => *offset,
            Error::Nlri { source, .. } => source.offset(),
        }
    }

    /// The attribute type the error is about, if any.
    pub fn code(&self) -> Option<AttrType> {
        match self {
            Error::AttributeOverrun { code, .. }
            | Error::Flags { code, .. }
            | Error::Length { code, .. }
            | Error::Value { code, .. }
            | Error::Overrun { code, .. }
            | Error::Duplicate { code, .. }
            | Error::Missing { code, .. }
            | Error::Nlri { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// What RFC 7606 says a receiver does about this error.
    pub fn action(&self) -> ErrorAction {
        match self {
            Error::Truncated { .. }
            | Error::Header { .. }
            | Error::WithdrawnLength { .. }
            | Error::AttributesLength { .. } => ErrorAction::SessionReset,
            Error::AttributeOverrun { .. } | Error::Missing { .. } => ErrorAction::TreatAsWithdraw,
            Error::Duplicate { code, .. } => {
                if *code == AttrType::MP_REACH_NLRI || *code == AttrType::MP_UNREACH_NLRI {
                    ErrorAction::SessionReset
                } else {
                    ErrorAction::AttributeDiscard
                }
            }
            Error::Nlri { code, source } => {
                // RFC 7606 §5.3: body NLRI errors reset the session; MP NLRI errors disable the
                // family (which is known, as the error names it).
                if code.0 == 0 || source_family(source).is_none() {
                    ErrorAction::SessionReset
                } else {
                    ErrorAction::AfiSafiDisable
                }
            }
            // RFC 7606 §7.11: when not even the AFI/SAFI can be read, reset the session.
            Error::Length { code, length, .. }
                if *length < 3
                    && (*code == AttrType::MP_REACH_NLRI || *code == AttrType::MP_UNREACH_NLRI) =>
            {
                ErrorAction::SessionReset
            }
            Error::Flags { code, .. }
            | Error::Length { code, .. }
            | Error::Value { code, .. }
            | Error::Overrun { code, .. } => malformed_action(*code),
        }
    }

    pub(crate) fn buffer(e: ribcage_buffer::Error) -> Self {
        match e {
            ribcage_buffer::Error::Truncated {
                needed,
                available,
                offset,
            } => Error::Truncated {
                needed,
                available,
                offset,
            },
            ribcage_buffer::Error::Trailing { left, offset } => Error::Truncated {
                needed: 0,
                available: left,
                offset,
            },
            _ => Error::Truncated {
                needed: 0,
                available: 0,
                offset: 0,
            },
        }
    }
}

fn source_family(e: &ribcage_nlri::Error) -> Option<Family> {
    match e {
        ribcage_nlri::Error::Truncated { family, .. }
        | ribcage_nlri::Error::PrefixLength { family, .. }
        | ribcage_nlri::Error::Length { family, .. }
        | ribcage_nlri::Error::Value { family, .. } => Some(*family),
        _ => None,
    }
}

/// What RFC 7606 §7 (and the RFC defining each later attribute) says to do with a malformed
/// attribute of type `code`.
pub fn malformed_action(code: AttrType) -> ErrorAction {
    match code {
        // RFC 7606 §7.6, §7.7; RFC 6793 §6; RFC 7311 §6.
        AttrType::ATOMIC_AGGREGATE
        | AttrType::AGGREGATOR
        | AttrType::AS4_PATH
        | AttrType::AS4_AGGREGATOR
        | AttrType::AIGP => ErrorAction::AttributeDiscard,
        // RFC 7606 §7.11: the family is named by the attribute; when it cannot be read the
        // caller resets (see `Error::action` for NLRI errors).
        AttrType::MP_REACH_NLRI | AttrType::MP_UNREACH_NLRI => ErrorAction::AfiSafiDisable,
        // Unknown attributes are not checked; anything else known is treat-as-withdraw
        // (RFC 7606 §7.1-§7.5, §7.8-§7.10, §7.13, §7.14; RFC 8092 §5; RFC 9234 §5;
        // RFC 8669 §6; RFC 6514 PMSI).
        _ => ErrorAction::TreatAsWithdraw,
    }
}

/// The RFC 7606 error-handling approaches, from least to most severe (so `max` picks the one
/// that applies to a whole message).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorAction {
    /// Ignore the attribute and go on with the rest of the UPDATE (RFC 7606 §2).
    AttributeDiscard,
    /// Treat every route the UPDATE announces as withdrawn (RFC 7606 §2).
    TreatAsWithdraw,
    /// Disable the address family the error is in (RFC 7606 §2, RFC 4760 §7).
    AfiSafiDisable,
    /// Reset the session: the message cannot be trusted at all (RFC 4271 §6.3).
    SessionReset,
}

impl fmt::Display for ErrorAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorAction::AttributeDiscard => "attribute-discard",
            ErrorAction::TreatAsWithdraw => "treat-as-withdraw",
            ErrorAction::AfiSafiDisable => "afi-safi-disable",
            ErrorAction::SessionReset => "session-reset",
        })
    }
}

/// One RFC 7606 problem found in an UPDATE: the attribute, its flags, where it is, what is
/// wrong and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The attribute type (0 for problems outside attributes).
    pub code: AttrType,
    /// The attribute's flags (0 where there is no attribute).
    pub flags: AttrFlags,
    /// Absolute offset of the attribute's flags octet (or of the problem).
    pub offset: usize,
    /// What is wrong.
    pub error: Error,
    /// What to do about it.
    pub action: ErrorAction,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (flags {}, offset {})",
            self.action, self.error, self.flags, self.offset
        )
    }
}

impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Problem", 5)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("flags", &self.flags)?;
        st.serialize_field("offset", &self.offset)?;
        st.serialize_field("error", &format_args!("{}", self.error).to_string())?;
        st.serialize_field("action", &self.action)?;
        st.end()
    }
}

/// The RFC 7606 verdict on a whole UPDATE: the most severe action any problem calls for, and
/// how many problems there were ([`Update::problems`](crate::Update::problems) lists them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Outcome {
    /// The most severe action, or `None` when the message is clean.
    pub action: Option<ErrorAction>,
    /// Number of problems found.
    pub problems: u32,
}

impl Outcome {
    /// Whether no problem was found.
    pub fn is_clean(&self) -> bool {
        self.problems == 0
    }

    /// Whether the announced routes are to be treated as withdrawn (or worse).
    pub fn withdraws(&self) -> bool {
        self.action >= Some(ErrorAction::TreatAsWithdraw)
    }

    pub(crate) fn add(&mut self, action: ErrorAction) {
        self.problems = self.problems.saturating_add(1);
        self.action = self.action.max(Some(action));
    }
}

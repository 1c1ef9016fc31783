//! The crate's error type, [`Error`], and the RFC 7606 classification of errors:
//! [`ErrorAction`], [`Problem`] and [`Outcome`].

use std::fmt;

use ribcage_nlri::{DecodeContext, Family, Session};

use crate::{AttrFlags, AttrType};

/// Everything that can be wrong in an UPDATE message or an attribute block.
///
/// Every variant carries the absolute offset where the problem was found. Framing errors of the
/// UPDATE body ([`Error::WithdrawnLength`], [`Error::AttributesLength`]) come from
/// [`Update::parse`](crate::Update::parse); the others come from the attribute and NLRI iterators
/// and accessors, and are classified by [`Error::action_in`] per RFC 7606 (by [`Error::action`]
/// when the session is not known).
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
    /// attributes after it cannot be found). [`Update::problems`](crate::Update::problems)
    /// raises it to session reset when the routes to withdraw cannot be found (RFC 7606 §3 j).
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
    /// An attribute's optional or transitive flag conflicts with its type (RFC 7606 §3 c). The
    /// caller treats the announced routes as withdrawn: §3 c asks for treat-as-withdraw unless
    /// the attribute's own specification says otherwise. The one exception is LOCAL_PREF,
    /// ORIGINATOR_ID or CLUSTER_LIST from an external peer, which §7.5, §7.9 and §7.10 discard
    /// whatever they hold: attribute discard ([`Error::action_in`]).
    #[error("attribute {code} has flags {flags} at offset {offset}")]
    Flags {
        /// The attribute type.
        code: AttrType,
        /// The flags found.
        flags: AttrFlags,
        /// Absolute offset of the flags octet.
        offset: usize,
    },
    /// An attribute of a type this crate does not know has the optional flag clear: a
    /// well-known attribute the receiver does not recognise (RFC 4271 §6.3, which RFC 7606
    /// leaves in force). The caller resets the session.
    #[error("unrecognized well-known attribute {code} at offset {offset}")]
    UnrecognizedWellKnown {
        /// The attribute type.
        code: AttrType,
        /// Absolute offset of the flags octet.
        offset: usize,
    },
    /// An attribute's length is not one its type allows. The caller applies
    /// [`Error::action_in`] (treat-as-withdraw or attribute-discard by type and, for three
    /// types, by session; session reset for an MP attribute too short to name its family).
    #[error("attribute {code} has invalid length {length} at offset {offset}")]
    Length {
        /// The attribute type.
        code: AttrType,
        /// The length found.
        length: usize,
        /// Absolute offset of the attribute value.
        offset: usize,
    },
    /// A field inside an attribute has a value its type does not allow. The caller applies
    /// [`Error::action_in`].
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
    /// A field inside an attribute overruns the attribute's value. The caller applies
    /// [`Error::action_in`].
    #[error("attribute {code}: {what} overruns the value at offset {offset}")]
    Overrun {
        /// The attribute type.
        code: AttrType,
        /// Which field.
        what: &'static str,
        /// Absolute offset of the field.
        offset: usize,
    },
    /// An attribute appears more than once (RFC 7606 §3 g). The caller ignores the repeat
    /// (accessors already return the first); a repeated MP attribute resets the session.
    #[error("attribute {code} repeated at offset {offset}")]
    Duplicate {
        /// The attribute type.
        code: AttrType,
        /// Absolute offset of the repeated attribute.
        offset: usize,
    },
    /// LOCAL_PREF, ORIGINATOR_ID or CLUSTER_LIST, well-formed, in an UPDATE from an external
    /// peer ([`Session::External`]): RFC 7606 §7.5, §7.9 and §7.10 discard these attributes
    /// from an external neighbor whatever their contents (RFC 4271 §5.1.5: LOCAL_PREF from an
    /// external peer MUST be ignored; RFC 4456 §8 defines ORIGINATOR_ID and CLUSTER_LIST as
    /// optional non-transitive attributes of route reflection inside one AS).
    /// The caller ignores the attribute (attribute discard); the routes stay announced. Only
    /// [`PathAttributes::check`](crate::PathAttributes::check) raises it, when the context's
    /// session is external; a malformed one from an external peer keeps its own error
    /// (`Flags`, `Length`, ...) with the same attribute-discard action.
    #[error("attribute {code} received from an external peer at offset {offset}")]
    FromExternalPeer {
        /// The attribute type.
        code: AttrType,
        /// Absolute offset of the attribute's flags octet.
        offset: usize,
    },
    /// A well-known mandatory attribute is missing from an UPDATE that announces routes
    /// (RFC 7606 §3 d). `offset` is that of the attribute block. The caller treats the
    /// announced routes as withdrawn.
    #[error("mandatory attribute {code} missing (attributes at offset {offset})")]
    Missing {
        /// The missing attribute type.
        code: AttrType,
        /// Absolute offset of the attribute block.
        offset: usize,
    },
    /// An NLRI (body NLRI, withdrawn routes, or inside MP_REACH/MP_UNREACH) could not be split
    /// off (RFC 7606 §5.3). The caller resets the session (body) or disables the family
    /// ([`Error::family`]); the NLRI before it are intact.
    #[error("NLRI error in {}: {source}", NlriField(*code))]
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
            | Error::UnrecognizedWellKnown { offset, .. }
            | Error::Length { offset, .. }
            | Error::Value { offset, .. }
            | Error::Overrun { offset, .. }
            | Error::Duplicate { offset, .. }
            | Error::FromExternalPeer { offset, .. }
            | Error::Missing { offset, .. } => *offset,
            Error::Nlri { source, .. } => source.offset(),
        }
    }

    /// The attribute type the error is about, if any.
    pub fn code(&self) -> Option<AttrType> {
        match self {
            Error::AttributeOverrun { code, .. }
            | Error::Flags { code, .. }
            | Error::UnrecognizedWellKnown { code, .. }
            | Error::Length { code, .. }
            | Error::Value { code, .. }
            | Error::Overrun { code, .. }
            | Error::Duplicate { code, .. }
            | Error::FromExternalPeer { code, .. }
            | Error::Missing { code, .. }
            | Error::Nlri { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// What RFC 7606 says a receiver does about this error when the session is not known
    /// ([`Session::Unknown`]: as from an internal peer). Same as [`Error::action_in`] with a
    /// default context.
    pub fn action(&self) -> ErrorAction {
        self.action_for(Session::Unknown)
    }

    /// What RFC 7606 says a receiver does about this error in an UPDATE decoded with `ctx`. Only
    /// the session matters: from an external peer ([`Session::External`]) any flags, length or
    /// value error of LOCAL_PREF, ORIGINATOR_ID or CLUSTER_LIST is attribute discard (RFC 7606
    /// §7.5, §7.9, §7.10 discard these attributes from an external neighbor whatever their
    /// contents, so their own rule overrides §3 c's treat-as-withdraw for wrong flags); from an
    /// internal or unknown one it is treat-as-withdraw.
    pub fn action_in(&self, ctx: &DecodeContext) -> ErrorAction {
        self.action_for(ctx.session())
    }

    fn action_for(&self, session: Session) -> ErrorAction {
        match self {
            Error::Flags { code, .. }
            | Error::Length { code, .. }
            | Error::Value { code, .. }
            | Error::Overrun { code, .. }
                if session == Session::External && internal_only(*code) =>
            {
                ErrorAction::AttributeDiscard
            }
            Error::FromExternalPeer { .. } => ErrorAction::AttributeDiscard,
            Error::Truncated { .. }
            | Error::Header { .. }
            | Error::WithdrawnLength { .. }
            | Error::AttributesLength { .. }
            | Error::UnrecognizedWellKnown { .. } => ErrorAction::SessionReset,
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
            // RFC 7606 §3 c: a flags conflict is treat-as-withdraw, whatever the type's own
            // approach to a malformed value.
            Error::Flags { .. } => ErrorAction::TreatAsWithdraw,
            Error::Length { code, .. }
            | Error::Value { code, .. }
            | Error::Overrun { code, .. } => malformed_action_for(*code, session),
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

impl Error {
    /// The address family of an NLRI error.
    pub fn family(&self) -> Option<Family> {
        match self {
            Error::Nlri { source, .. } => source_family(source),
            _ => None,
        }
    }
}

/// Names the field an NLRI error is in: an MP attribute, or the body (code 0).
struct NlriField(AttrType);

impl fmt::Display for NlriField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 .0 == 0 {
            f.write_str("the UPDATE body")
        } else {
            self.0.fmt(f)
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

/// Whether an attribute of type `code` is one that only internal peers send: LOCAL_PREF
/// (RFC 4271 §5.1.5), ORIGINATOR_ID and CLUSTER_LIST (route reflection, RFC 4456 §8).
pub(crate) fn internal_only(code: AttrType) -> bool {
    code == AttrType::LOCAL_PREF
        || code == AttrType::ORIGINATOR_ID
        || code == AttrType::CLUSTER_LIST
}

/// What RFC 7606 §7 (and the RFC defining each later attribute) says to do with a malformed
/// attribute of type `code` when the session is not known: [`malformed_action_in`] with a
/// default context ([`Session::Unknown`], handled as from an internal peer).
pub fn malformed_action(code: AttrType) -> ErrorAction {
    malformed_action_for(code, Session::Unknown)
}

/// What RFC 7606 §7 (and the RFC defining each later attribute) says to do with a malformed
/// attribute of type `code` in an UPDATE decoded with `ctx`.
///
/// Only the session matters, and only for three types. LOCAL_PREF (§7.5), ORIGINATOR_ID
/// (§7.9) and CLUSTER_LIST (§7.10) "received from an external neighbor" are discarded
/// whatever their contents (attribute discard); from an internal neighbor a malformed one
/// (length not 4, or for CLUSTER_LIST not a non-zero multiple of 4) is treat-as-withdraw.
/// [`Session::Unknown`] takes the internal rule: the conservative choice, which withdraws the
/// routes rather than keeping them with an attribute dropped that an iBGP peer relied on.
pub fn malformed_action_in(code: AttrType, ctx: &DecodeContext) -> ErrorAction {
    malformed_action_for(code, ctx.session())
}

fn malformed_action_for(code: AttrType, session: Session) -> ErrorAction {
    match code {
        // RFC 7606 §7.5, §7.9, §7.10: from an external neighbor, attribute discard.
        _ if session == Session::External && internal_only(code) => ErrorAction::AttributeDiscard,
        // RFC 7606 §7.6, §7.7; RFC 6793 §6; RFC 7311 §6; RFC 8669 §6.
        AttrType::ATOMIC_AGGREGATE
        | AttrType::AGGREGATOR
        | AttrType::AS4_PATH
        | AttrType::AS4_AGGREGATOR
        | AttrType::AIGP
        | AttrType::PREFIX_SID => ErrorAction::AttributeDiscard,
        // RFC 7606 §7.11: the family is named by the attribute; when it cannot be read the
        // caller resets (see `Error::action` for NLRI errors).
        AttrType::MP_REACH_NLRI | AttrType::MP_UNREACH_NLRI => ErrorAction::AfiSafiDisable,
        // Unknown attributes are not checked; anything else known is treat-as-withdraw
        // (RFC 7606 §7.1-§7.5, §7.8-§7.10, §7.13, §7.14; RFC 8092 §5; RFC 9234 §5; PMSI_TUNNEL,
        // for which RFC 6514 names no approach, by RFC 7606 §8's default). For LOCAL_PREF,
        // ORIGINATOR_ID and CLUSTER_LIST this is the rule for an internal (or unknown) peer;
        // the external one is above.
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
    /// The address family the problem is in, when known: that of an MP_REACH_NLRI or
    /// MP_UNREACH_NLRI attribute or of an NLRI error. The family to disable when `action` is
    /// [`ErrorAction::AfiSafiDisable`].
    pub family: Option<Family>,
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
        let mut st = s.serialize_struct("Problem", 6)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("flags", &self.flags)?;
        st.serialize_field("offset", &self.offset)?;
        st.serialize_field("error", &format_args!("{}", self.error).to_string())?;
        st.serialize_field("action", &self.action)?;
        st.serialize_field("family", &self.family)?;
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

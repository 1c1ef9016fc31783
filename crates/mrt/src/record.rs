//! [`Body`]: a record body decoded by type and subtype, the dispatch over the per-type modules.

use ribcage_buffer::Cursor;
use ribcage_nlri::Registry;

use crate::mrt::t12_table_dump::TableDump;
use crate::mrt::t13_table_dump_v2::{PeerTable, Rib, TableDumpV2Subtype};
use crate::mrt::t16_bgp4mp::{Bgp4mpSubtype, Message, StateChange};
use crate::{Error, MrtType};

/// A decoded MRT record body.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Body<'a> {
    /// TABLE_DUMP (RFC 6396 §4.2).
    TableDump(TableDump<'a>),
    /// TABLE_DUMP_V2 PEER_INDEX_TABLE (RFC 6396 §4.3.1).
    PeerTable(PeerTable),
    /// TABLE_DUMP_V2 RIB record (RFC 6396 §4.3.2, §4.3.3; RFC 8050 §4).
    Rib(Rib<'a>),
    /// BGP4MP state change (RFC 6396 §4.4.1, §4.4.4).
    StateChange(StateChange),
    /// BGP4MP message (RFC 6396 §4.4.2, §4.4.3, §4.4.6, §4.4.7; RFC 8050 §3).
    Message(Message<'a>),
    /// A type or subtype this crate does not decode; callers count and skip it.
    Unknown,
}

impl<'a> Body<'a> {
    /// Decodes `body` (a record's message field, with absolute offsets) by type and subtype.
    #[inline]
    pub fn decode(
        mrt_type: MrtType,
        subtype: u16,
        body: Cursor<'a>,
        registry: &Registry,
    ) -> Result<Self, Error> {
        Ok(match mrt_type {
            MrtType::TABLE_DUMP => match subtype {
                1 | 2 => Body::TableDump(TableDump::parse(subtype, body)?),
                _ => Body::Unknown,
            },
            MrtType::TABLE_DUMP_V2 => {
                let st = TableDumpV2Subtype(subtype);
                if st == TableDumpV2Subtype::PEER_INDEX_TABLE {
                    Body::PeerTable(PeerTable::parse(body)?)
                } else if st.rib().is_some() {
                    Body::Rib(Rib::parse(st, body, registry)?)
                } else {
                    Body::Unknown
                }
            }
            MrtType::BGP4MP | MrtType::BGP4MP_ET => {
                let st = Bgp4mpSubtype(subtype);
                if let Some(as4) = st.state_change() {
                    Body::StateChange(StateChange::parse(body, as4)?)
                } else if st.message().is_some() {
                    Body::Message(Message::parse(st, body)?)
                } else {
                    Body::Unknown
                }
            }
            _ => Body::Unknown,
        })
    }
}

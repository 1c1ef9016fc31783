//! Zero-copy views over [`bytes::Bytes`], bounds-checked cursors whose errors carry absolute
//! offsets, and streaming framing of BGP messages and MRT records.
//!
//! - [`View`] and [`Cursor`]: owned and borrowed windows onto bytes whose positions are absolute.
//! - [`MessageReader`] frames BGP messages ([`BgpMessage`], RFC 4271 §4.1) from any `Read`;
//!   [`BgpMessage::split`] does the same for a message already in memory.
//! - [`MrtReader`] frames MRT records ([`MrtRecord`], RFC 6396 §2) from any `Read`;
//!   [`MrtRecord::split`] does the same in memory.
//! - [`open_input`] opens a path or `-` (stdin), decompressing gzip or bzip2 found by magic bytes.
//! - [`Error`]: every failure, with the offending value and its absolute offset.
//!
//! Layering: bottom of the stack beside `ribcage-intern`; it knows nothing about path attributes
//! or address families, and depends on no other ribcage crate.
//!
//! ```
//! use ribcage_buffer::{Cursor, View};
//!
//! let view = View::from_static(&[0x00, 0x01, 0xde, 0xad, 0xbe, 0xef]);
//! let mut cur = view.cursor();
//! assert_eq!(cur.read_u16().unwrap(), 1);
//! let rest = cur.take(4).unwrap();
//! assert_eq!(rest.position(), 2);
//! assert!(cur.read_u8().is_err());
//! ```

#![forbid(unsafe_code)]

mod bgp_message;
mod cursor;
mod error;
mod input;
mod mrt_record;
mod stream;
mod view;

pub use bgp_message::{
    check_bgp_header, BgpMessage, MessageReader, MessageType, BGP_EXTENDED_MAX_LEN, BGP_HEADER_LEN,
    BGP_MAX_LEN,
};
pub use cursor::Cursor;
pub use error::Error;
pub use input::{decompress, open_input, Compression};
pub use mrt_record::{
    MrtReader, MrtRecord, MrtType, RecordKind, DEFAULT_MAX_RECORD_LEN, MRT_HEADER_LEN,
};
pub use view::View;

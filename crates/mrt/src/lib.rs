//! MRT record decoding (RFC 6396, RFC 8050) into peers, routes and BGP messages.
//!
//! Layering: above `ribcage-nlri` (and `ribcage-attributes`); below `ribcage-rib`. It does no
//! I/O: callers hand it records ([`MrtRecord`], from `ribcage_buffer::MrtReader` or, with
//! resynchronisation after damage, from [`Records`] over an in-memory input).
//!
//! - [`framing`]: records out of an in-memory input, with resynchronisation after damage.
//! - [`mrt`]: one module per record type giving typed views with raw attribute bytes.
//! - [`Body`]: dispatch by type and subtype; unknown ones decode to [`Body::Unknown`].
//! - [`Decoder`] / [`Elements`]: routes and state changes, with the decode context (AS width,
//!   ADD-PATH) set from the subtype, never guessed.
//!   [`Decoder::visit`] hands the same elements to a closure, faster; [`Decoder::visit_ref`]
//!   does so for a record borrowed from the framer ([`Records::next_ref`], [`RecordRef`]).
//! - [`SetInterner`]: the routes' attribute blocks interned by their raw bytes ([`BlockId`]),
//!   and their canonical attribute sets on demand.
//! - [`bgpdump`]: the `bgpdump -m` line format, byte for byte.
//!
//! ```
//! use ribcage_buffer::View;
//! use ribcage_mrt::{Decoder, Element, Records};
//!
//! // One BGP4MP STATE_CHANGE record: AS 65000 at 192.0.2.1 went from Active to Connect.
//! let data: Vec<u8> = [
//!     &[0, 0, 0, 1, 0, 16, 0, 0, 0, 0, 0, 20][..],
//!     &[0xfd, 0xe8, 0xfd, 0xe9, 0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2, 0, 3, 0, 2],
//! ]
//! .concat();
//! let mut decoder = Decoder::new();
//! for record in Records::new(View::from(data)) {
//!     let record = record.unwrap();
//!     for element in decoder.elements(&record).unwrap() {
//!         let Element::State(s) = element.unwrap() else { panic!() };
//!         assert_eq!((s.peering.peer_as, s.old_state, s.new_state), (65000, 3, 2));
//!     }
//! }
//! ```

pub mod bgpdump;
mod error;
pub mod framing;
pub mod mrt;
mod record;
mod route;
pub mod update;

pub use error::Error;
pub use framing::{FrameError, RecordRef, Records};
pub use record::Body;
pub use ribcage_buffer::{MrtRecord, MrtType};
pub use route::{
    static_context, static_context_in, Action, Decoder, Element, Elements, Route, RouteNlri, State,
};
pub use route::{BlockId, SetInterner};

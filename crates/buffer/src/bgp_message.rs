//! BGP message framing (RFC 4271 §4.1, RFC 8654): the header check, [`BgpMessage`] and the
//! streaming [`MessageReader`].

use std::fmt;
use std::io::Read;

use crate::stream::{fuse, StreamBuf};
use crate::{Error, View};

#[cfg(test)]
mod tests;

/// Length of the BGP message header: 16-byte marker, 2-byte length, 1-byte type (RFC 4271 §4.1).
pub const BGP_HEADER_LEN: usize = 19;
/// Largest BGP message without extended messages (RFC 4271 §4.1).
pub const BGP_MAX_LEN: usize = 4096;
/// Largest BGP message once extended messages are negotiated (RFC 8654 §4).
pub const BGP_EXTENDED_MAX_LEN: usize = 65535;

/// A BGP message type (RFC 4271 §4.1): an open newtype, so unknown values stay representable.
///
/// `Debug` and `Display` print the name of a known type and the number otherwise.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MessageType(pub u8);

impl MessageType {
    /// OPEN (RFC 4271 §4.2).
    pub const OPEN: Self = Self(1);
    /// UPDATE (RFC 4271 §4.3).
    pub const UPDATE: Self = Self(2);
    /// NOTIFICATION (RFC 4271 §4.5).
    pub const NOTIFICATION: Self = Self(3);
    /// KEEPALIVE (RFC 4271 §4.4).
    pub const KEEPALIVE: Self = Self(4);
    /// ROUTE-REFRESH (RFC 2918 §3).
    pub const ROUTE_REFRESH: Self = Self(5);

    /// The type's name, for the types this crate frames.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::OPEN => "OPEN",
            Self::UPDATE => "UPDATE",
            Self::NOTIFICATION => "NOTIFICATION",
            Self::KEEPALIVE => "KEEPALIVE",
            Self::ROUTE_REFRESH => "ROUTE_REFRESH",
            _ => return None,
        })
    }

    /// The smallest valid length of a whole message of this type, header included (RFC 4271
    /// §4.2-§4.5, RFC 2918 §3), or `None` for types the framing rejects.
    pub fn min_len(self) -> Option<usize> {
        Some(match self {
            Self::OPEN => 29,
            Self::UPDATE => 23,
            Self::NOTIFICATION => 21,
            Self::KEEPALIVE => 19,
            Self::ROUTE_REFRESH => 23,
            _ => return None,
        })
    }
}

impl fmt::Debug for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.0),
        }
    }
}

/// Checks a BGP message header (RFC 4271 §4.1, §6.1) found at absolute `offset` and returns the
/// message type and the whole message's length.
///
/// `max_len` is [`BGP_MAX_LEN`], or [`BGP_EXTENDED_MAX_LEN`] once RFC 8654 extended messages are
/// negotiated. Checks, in order: marker all ones ([`Error::BadMarker`]), length within
/// `19..=max_len` ([`Error::BadLength`]), type 1-5 ([`Error::UnknownMessageType`]), length at
/// least the type's minimum and a KEEPALIVE exactly 19 ([`Error::BadLength`]).
pub fn check_bgp_header(
    header: &[u8; BGP_HEADER_LEN],
    offset: usize,
    max_len: usize,
) -> Result<(MessageType, usize), Error> {
    if header[..16].iter().any(|&b| b != 0xff) {
        return Err(Error::BadMarker { offset });
    }
    let length = usize::from(u16::from_be_bytes([header[16], header[17]]));
    if !(BGP_HEADER_LEN..=max_len).contains(&length) {
        return Err(Error::BadLength {
            length,
            min: BGP_HEADER_LEN,
            max: max_len,
            offset: offset.saturating_add(16),
        });
    }
    let msg_type = MessageType(header[18]);
    let Some(min) = msg_type.min_len() else {
        return Err(Error::UnknownMessageType {
            msg_type: header[18],
            offset: offset.saturating_add(18),
        });
    };
    let max = if msg_type == MessageType::KEEPALIVE {
        BGP_HEADER_LEN
    } else {
        max_len
    };
    if length < min || length > max {
        return Err(Error::BadLength {
            length,
            min,
            max,
            offset: offset.saturating_add(16),
        });
    }
    Ok((msg_type, length))
}

/// One framed BGP message (RFC 4271 §4.1).
///
/// `bytes` is the whole message, header included, as a view that shares the reader's buffer;
/// [`BgpMessage::body`] is the part after the 19-byte header. The header has been checked (see
/// [`check_bgp_header`]); the body has not been looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BgpMessage {
    /// The message type from the header (one of the five known types).
    pub msg_type: MessageType,
    /// Absolute offset of the message's first marker byte in the stream.
    pub offset: usize,
    /// The whole message, header included; `bytes.offset() == offset`.
    pub bytes: View,
}

impl BgpMessage {
    /// Frames the message at the start of `view` and returns it with the rest of `view`, without
    /// copying. For BGP messages held in memory, such as the one inside an MRT BGP4MP record.
    ///
    /// `extended` allows lengths up to 65535 (RFC 8654). A view shorter than the header, or than
    /// the length it claims, gives [`Error::Truncated`] at the view's offset.
    pub fn split(view: &View, extended: bool) -> Result<(BgpMessage, View), Error> {
        let max_len = if extended {
            BGP_EXTENDED_MAX_LEN
        } else {
            BGP_MAX_LEN
        };
        let offset = view.offset();
        let header: [u8; BGP_HEADER_LEN] = view.cursor().read_array()?;
        let (msg_type, length) = check_bgp_header(&header, offset, max_len)?;
        let bytes = view.slice(0, length).map_err(|_| Error::Truncated {
            needed: length,
            available: view.len(),
            offset,
        })?;
        let rest = view.slice(length, view.len() - length)?;
        Ok((
            BgpMessage {
                msg_type,
                offset,
                bytes,
            },
            rest,
        ))
    }

    /// Length of the whole message, header included (the header's length field).
    pub fn length(&self) -> usize {
        self.bytes.len()
    }

    /// The message after its 19-byte header, as a view sharing the same buffer.
    pub fn body(&self) -> View {
        // The header was checked, so the message is at least 19 bytes long.
        self.bytes
            .slice(
                BGP_HEADER_LEN,
                self.bytes.len().saturating_sub(BGP_HEADER_LEN),
            )
            .unwrap_or_default()
    }
}

/// Reads BGP messages from any [`Read`] (a TCP stream, a file, stdin) and yields them one by one
/// as [`BgpMessage`]s (RFC 4271 §4.1).
///
/// Bytes are read into one reusable `BytesMut` in large reads; reads that return any number of
/// bytes are handled. Each complete message is split off that buffer without copying. Once every
/// message handed out has been dropped the buffer is reused in place, so a warmed reader makes
/// no allocation per message; its capacity stays at 64 KiB, or twice the largest message.
///
/// The iterator yields `Err` once, on the first framing or I/O error, and then ends: a BGP stream
/// has no way to resynchronise. It also ends (`None`) at a clean end of input; input ending
/// inside a message is [`Error::Truncated`] at the message's offset. The reader is meant for
/// blocking I/O: a `WouldBlock` from a non-blocking socket is an [`Error::Io`] and ends it.
///
/// ```
/// use ribcage_buffer::{MessageReader, MessageType};
///
/// let mut keepalive = vec![0xff; 16];
/// keepalive.extend_from_slice(&[0, 19, 4]);
/// let mut reader = MessageReader::new(&keepalive[..]);
/// let msg = reader.next().unwrap().unwrap();
/// assert_eq!(msg.msg_type, MessageType::KEEPALIVE);
/// assert!(msg.body().is_empty());
/// assert!(reader.next().is_none());
/// ```
#[derive(Debug)]
pub struct MessageReader<R> {
    stream: StreamBuf<R>,
    max_len: usize,
    done: bool,
}

impl<R: Read> MessageReader<R> {
    /// A reader of messages up to 4096 bytes long.
    pub fn new(reader: R) -> Self {
        Self {
            stream: StreamBuf::new(reader),
            max_len: BGP_MAX_LEN,
            done: false,
        }
    }

    /// The same reader, accepting messages up to 65535 bytes when `on` (RFC 8654 extended
    /// messages).
    pub fn with_extended_messages(mut self, on: bool) -> Self {
        self.set_extended_messages(on);
        self
    }

    /// Turns RFC 8654 extended messages on or off from the next message on (for example once
    /// both OPENs advertised the capability).
    pub fn set_extended_messages(&mut self, on: bool) {
        self.max_len = if on {
            BGP_EXTENDED_MAX_LEN
        } else {
            BGP_MAX_LEN
        };
    }

    /// Absolute offset of the next message: the number of stream bytes framed so far.
    pub fn position(&self) -> usize {
        self.stream.offset()
    }

    /// Bytes the reader's buffer can currently hold (for memory accounting).
    pub fn buffer_capacity(&self) -> usize {
        self.stream.capacity()
    }

    /// The underlying reader.
    pub fn get_ref(&self) -> &R {
        self.stream.get_ref()
    }

    fn read_message(&mut self) -> Result<Option<BgpMessage>, Error> {
        let offset = self.stream.offset();
        let Some(header) = self.stream.fill_header::<BGP_HEADER_LEN>()? else {
            return Ok(None);
        };
        let (msg_type, length) = check_bgp_header(&header, offset, self.max_len)?;
        self.stream.fill_frame(length)?;
        let bytes = View::with_offset(self.stream.split(length), offset);
        Ok(Some(BgpMessage {
            msg_type,
            offset,
            bytes,
        }))
    }
}

impl<R: Read> Iterator for MessageReader<R> {
    type Item = Result<BgpMessage, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        fuse(self, |r| &mut r.done, Self::read_message)
    }
}

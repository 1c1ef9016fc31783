//! [`AttributeSet`]: the owned, canonical attributes of a route — the attribute block of an
//! UPDATE (or MRT RIB entry) with the NLRI inside MP_REACH_NLRI stripped, MP_UNREACH_NLRI
//! dropped, and on 2-byte AS sessions AS_PATH/AGGREGATOR rewritten in 4-byte form with
//! AS4_PATH/AS4_AGGREGATOR merged in (RFC 6793 §4.2.3), so that equal sets from any peer are
//! equal bytes. Stored as one boxed byte slice, decoded on access.

use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

use ribcage_nlri::{DecodeContext, Registry};

use crate::{AttrFlags, AttrType, PathAttributes};

/// The registry an [`AttributeSet`] decodes with: its MP_REACH_NLRI holds no NLRI, so the
/// built-in one always suffices.
static BUILTIN: Registry = Registry::BUILTIN;

fn context(four_byte: bool) -> &'static DecodeContext {
    static FOUR: OnceLock<DecodeContext> = OnceLock::new();
    static TWO: OnceLock<DecodeContext> = OnceLock::new();
    if four_byte {
        FOUR.get_or_init(|| DecodeContext::default().with_four_byte_as(true))
    } else {
        TWO.get_or_init(|| DecodeContext::default().with_four_byte_as(false))
    }
}

/// The canonical attribute set of one or more routes (see the module documentation).
///
/// 24 bytes plus the attribute bytes; share it with
/// [`AttributeCache::intern_set`](crate::AttributeCache::intern_set).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttributeSet {
    four_byte: bool,
    wire: Box<[u8]>,
}

impl AttributeSet {
    /// The canonical set of an attribute block. Allocates the set's bytes once, at their
    /// exact size (the canonical form is built in a reused per-thread buffer).
    pub fn from_attributes(attrs: &PathAttributes<'_>) -> Self {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch::new()) };
        }
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => scratch.set(attrs),
            // Only reachable if building a set re-entered itself; stay correct without reuse.
            Err(_) => Scratch::new().set(attrs),
        })
    }

    /// A set from canonical bytes produced earlier by [`AttributeSet::wire`] (with the same
    /// `four_byte`).
    pub fn from_wire(wire: &[u8], four_byte: bool) -> Self {
        Self {
            four_byte,
            wire: wire.into(),
        }
    }

    /// The canonical attribute bytes.
    pub fn wire(&self) -> &[u8] {
        &self.wire
    }

    /// Whether AS numbers in the bytes are 4 bytes wide (false only when a 2-byte AS_PATH was
    /// malformed, or too long for its 4-byte form to fit an attribute, and was kept as
    /// received).
    pub fn four_byte(&self) -> bool {
        self.four_byte
    }

    /// The attributes, decoded on access.
    pub fn attributes(&self) -> PathAttributes<'_> {
        PathAttributes::new(&self.wire, 0, context(self.four_byte), &BUILTIN)
    }

    /// Heap bytes this set owns.
    pub fn heap_bytes(&self) -> usize {
        self.wire.len()
    }
}

impl fmt::Debug for AttributeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.attributes(), f)
    }
}

impl fmt::Display for AttributeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.attributes(), f)
    }
}

impl serde::Serialize for AttributeSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.attributes().serialize(s)
    }
}

/// Buffers for building canonical sets, kept between sets so building one allocates only
/// the result.
struct Scratch {
    /// The canonical attribute bytes.
    out: Vec<u8>,
    /// The merged AS path in 4-byte form.
    path4: Vec<u8>,
}

impl Scratch {
    const fn new() -> Self {
        Self {
            out: Vec::new(),
            path4: Vec::new(),
        }
    }

    fn set(&mut self, attrs: &PathAttributes<'_>) -> AttributeSet {
        self.out.clear();
        self.path4.clear();
        let four_byte = canonical(attrs, &mut self.out, &mut self.path4);
        let set = AttributeSet {
            four_byte,
            wire: Box::from(&self.out[..]),
        };
        // Don't keep a rare huge block's buffers alive for the thread's lifetime.
        const KEEP: usize = 64 << 10;
        if self.out.capacity() > KEEP {
            self.out = Vec::new();
        }
        if self.path4.capacity() > KEEP {
            self.path4 = Vec::new();
        }
        set
    }
}

/// Appends one attribute (header chosen by length) to `out`. Values longer than an attribute
/// can hold are cut; callers check first.
pub(crate) fn push_attr(out: &mut Vec<u8>, flags: AttrFlags, code: AttrType, value: &[u8]) {
    let len = value.len().min(usize::from(u16::MAX));
    if len > 255 {
        out.push(flags.0 | AttrFlags::EXTENDED_LENGTH);
        out.push(code.0);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(flags.0 & !AttrFlags::EXTENDED_LENGTH);
        out.push(code.0);
        out.push(len as u8);
    }
    out.extend_from_slice(&value[..len]);
}

/// Writes the canonical form of `attrs` to `out` (with `path4` as room for the merged AS path);
/// returns whether it is in 4-byte AS form.
fn canonical(attrs: &PathAttributes<'_>, out: &mut Vec<u8>, path4: &mut Vec<u8>) -> bool {
    let two_byte = !attrs.context().four_byte_as();
    // A 2-byte path doubles in 4-byte form: room for that up front, so nothing regrows.
    out.reserve(2 * attrs.wire().len());
    // On 2-byte sessions the merged path, in 4-byte form, replaces AS_PATH. If it cannot be
    // built, or does not fit an attribute (a long 2-byte path doubles in size), the attributes
    // are kept as received, in 2-byte form.
    if two_byte {
        path4.reserve(2 * attrs.wire().len());
        let fits = match attrs.merged_as_path() {
            Ok(m) => {
                m.write_wire4(path4);
                path4.len() <= usize::from(u16::MAX)
            }
            Err(_) => false,
        };
        if !fits {
            for raw in attrs.raw().map_while(Result::ok) {
                copy(attrs, &raw, out);
            }
            return false;
        }
    }
    for raw in attrs.raw().map_while(Result::ok) {
        match raw.code {
            AttrType::AS_PATH if two_byte => push_attr(out, raw.flags, raw.code, path4),
            AttrType::AGGREGATOR if two_byte => {
                // A malformed AGGREGATOR is attribute-discard (RFC 7606 §7.7): left out.
                if let Ok(Some(a)) = attrs.merged_aggregator() {
                    let mut v = [0u8; 8];
                    v[..4].copy_from_slice(&a.asn.to_be_bytes());
                    v[4..].copy_from_slice(&a.addr.octets());
                    push_attr(out, raw.flags, raw.code, &v);
                }
            }
            AttrType::AS4_PATH | AttrType::AS4_AGGREGATOR if two_byte => {}
            _ => copy(attrs, &raw, out),
        }
    }
    true
}

/// Copies one attribute, stripping NLRI from MP_REACH_NLRI and dropping MP_UNREACH_NLRI.
fn copy(attrs: &PathAttributes<'_>, raw: &crate::RawAttribute<'_>, out: &mut Vec<u8>) {
    match raw.code {
        AttrType::MP_UNREACH_NLRI => {}
        AttrType::MP_REACH_NLRI => match attrs.decode(raw) {
            Ok(crate::Attribute::MpReach(m)) => {
                // AFI, SAFI, next hop length, next hop, a zero reserved byte and no NLRI
                // (RFC 4760 §3): at most 5 + 255 bytes, built on the stack.
                let nh = m.next_hop_wire();
                let mut v = [0u8; 5 + 255];
                let n = nh.len().min(255);
                v[..2].copy_from_slice(&m.family().afi.0.to_be_bytes());
                v[2] = m.family().safi.0;
                v[3] = n as u8;
                v[4..4 + n].copy_from_slice(&nh[..n]);
                push_attr(out, raw.flags, raw.code, &v[..5 + n]);
            }
            _ => out.extend_from_slice(raw.wire),
        },
        _ => out.extend_from_slice(raw.wire),
    }
}

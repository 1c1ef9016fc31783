//! [`AttrStore`]: attribute sets encoded compactly in one arena, deduplicated, with per-field
//! interning of the values inside them (see [`InternConfig`]).
//!
//! A set's encoding: the [`Source`] byte, the record time (4 bytes), the microseconds when the
//! source has them, the set's *shape*, then one payload per attribute in wire order. The shape
//! lists (mode, flags, code) per attribute; it is interned (few distinct shapes exist) and
//! named by a varint `handle + 1`, or inline as `0 len bytes` when interning is off. Modes and
//! their payloads (varints are LEB128):
//!
//! - 0: the value inline, `len value`;
//! - 1: `handle`, the value interned in the pool of `code`;
//! - 2: `asn handle`, an AS path whose first AS_SEQUENCE segment held more than one AS; the
//!   first AS is inline and the rest of the path (the tail) interned;
//! - 3: `asn handle`, the same when the first segment held exactly that one AS;
//! - 4: `len bytes`, trailing bytes that did not frame as an attribute, kept as they were.
//!
//! Decoding rebuilds the wire block byte for byte (attribute flags, and so the length field's
//! width, are kept).

use ribcage_intern::{ArenaOptions, ArenaPool};

use crate::config::{FieldMode, InternConfig};
use crate::Source;

/// Handle of an attribute set in a [`Rib`](crate::Rib).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttrSetId(pub u32);

/// The per-route facts stored with an attribute set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetHeader {
    /// Which record kind the route came from.
    pub source: Source,
    /// The record's timestamp (seconds).
    pub time: u32,
    /// The record's microseconds (BGP4MP_ET).
    pub micros: Option<u32>,
}

const AS_SEQUENCE: u8 = 2;
const MP_REACH: u8 = 14;
const MP_UNREACH: u8 = 15;
const EXTENDED_LENGTH: u8 = 0x10;

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(data: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *data.get(*pos)?;
        *pos += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Statistics of one intern cache.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CacheStats {
    /// `sets`, or the attribute field name (or code).
    pub name: String,
    /// Values offered.
    pub lookups: u64,
    /// Values found already stored.
    pub hits: u64,
    /// Distinct values stored.
    pub entries: u64,
    /// The share of lookups answered by a stored value (`1 − misses / lookups`).
    pub dedup_rate: f64,
    /// Payload bytes not stored because an equal value was.
    pub bytes_saved: u64,
    /// Heap bytes the cache holds (arena, offsets, index), exact.
    pub heap_bytes: u64,
}

impl CacheStats {
    /// The figures of `pool`, in the intern crate's terms: `lookups` are its calls, `entries`
    /// its live entries, `dedup_rate` is `1 − misses / calls`, `heap_bytes` exact.
    pub(crate) fn from_pool(name: String, pool: &ArenaPool) -> Self {
        let st = pool.stats();
        CacheStats {
            name,
            lookups: st.calls,
            hits: st.hits,
            entries: st.live_entries,
            dedup_rate: st.dedup_rate(),
            bytes_saved: st.bytes_saved,
            heap_bytes: st.heap_bytes,
        }
    }
}

/// Attribute sets and the per-field pools behind them.
#[derive(Debug)]
pub(crate) struct AttrStore {
    config: InternConfig,
    sets: ArenaPool,
    fields: Vec<Option<Box<ArenaPool>>>,
    shapes: ArenaPool,
    scratch: Vec<u8>,
    payload: Vec<u8>,
    shape: Vec<u8>,
    tail: Vec<u8>,
}

impl AttrStore {
    pub(crate) fn new(config: InternConfig) -> Self {
        Self {
            sets: ArenaPool::with_options(ArenaOptions {
                dedup: config.sets,
                ..ArenaOptions::default()
            }),
            config,
            fields: (0..256).map(|_| None).collect(),
            shapes: ArenaPool::new(),
            scratch: Vec::new(),
            payload: Vec::new(),
            shape: Vec::new(),
            tail: Vec::new(),
        }
    }

    pub(crate) fn config(&self) -> &InternConfig {
        &self.config
    }

    /// Number of stored sets.
    pub(crate) fn len(&self) -> usize {
        self.sets.len()
    }

    fn field_pool(&mut self, code: u8) -> &mut ArenaPool {
        self.fields[usize::from(code)].get_or_insert_with(|| Box::new(ArenaPool::new()))
    }

    /// Stores the attribute block `block` of a route from `source` at `time`. For BGP4MP
    /// sources MP_UNREACH_NLRI is dropped and the NLRI are cut off MP_REACH_NLRI (the store
    /// keeps each route's NLRI in its key). `None` if an arena is full.
    pub(crate) fn intern(&mut self, header: SetHeader, block: &[u8]) -> Option<AttrSetId> {
        let mut enc = std::mem::take(&mut self.scratch);
        enc.clear();
        enc.push(header.source.0);
        enc.extend_from_slice(&header.time.to_le_bytes());
        if header.source.et() {
            enc.extend_from_slice(&header.micros.unwrap_or(0).to_le_bytes());
        }
        let strip_mp = header.source.is_bgp4mp();
        let mut payload = std::mem::take(&mut self.payload);
        let mut shape = std::mem::take(&mut self.shape);
        payload.clear();
        shape.clear();
        let mut pos = 0;
        let mut ok = loop {
            if pos >= block.len() {
                break true;
            }
            let Some((flags, code, value, next)) = split_attr(block, pos) else {
                shape.extend_from_slice(&[4, 0, 0]);
                put_varint(&mut payload, (block.len() - pos) as u32);
                payload.extend_from_slice(&block[pos..]);
                break true;
            };
            pos = next;
            let value = if strip_mp && code == MP_REACH {
                mp_reach_without_nlri(value)
            } else if strip_mp && code == MP_UNREACH {
                continue;
            } else {
                value
            };
            if !self.push_item(&mut payload, &mut shape, header.source, flags, code, value) {
                break false;
            }
        };
        // The shape (each attribute's mode, flags and code) is shared by many sets: interned
        // unless interning is off entirely.
        if self.config.is_off() {
            enc.push(0);
            put_varint(&mut enc, shape.len() as u32);
            enc.extend_from_slice(&shape);
        } else {
            match self.shapes.intern(&shape) {
                Some(h) => put_varint(&mut enc, h + 1),
                None => ok = false,
            }
        }
        enc.extend_from_slice(&payload);
        self.payload = payload;
        self.shape = shape;
        let id = if ok { self.sets.intern(&enc) } else { None };
        self.scratch = enc;
        id.map(AttrSetId)
    }

    fn push_item(
        &mut self,
        enc: &mut Vec<u8>,
        shape: &mut Vec<u8>,
        source: Source,
        flags: u8,
        code: u8,
        value: &[u8],
    ) -> bool {
        let mode = self.config.field(code);
        if mode == FieldMode::Tail && (code == 2 || code == 17) {
            let width = if code == 17 || source.four_byte_as() {
                4
            } else {
                2
            };
            if let Some((first, asn, tail_start)) = split_first_as(value, width) {
                let mut tail = std::mem::take(&mut self.tail);
                tail.clear();
                let item = if first > 1 {
                    tail.push(AS_SEQUENCE);
                    tail.push(first - 1);
                    tail.extend_from_slice(&value[tail_start..]);
                    2
                } else {
                    tail.extend_from_slice(&value[tail_start..]);
                    3
                };
                let handle = self.field_pool(code).intern(&tail);
                self.tail = tail;
                let Some(handle) = handle else {
                    return false;
                };
                shape.extend_from_slice(&[item, flags, code]);
                enc.extend_from_slice(asn);
                put_varint(enc, handle);
                return true;
            }
        }
        if mode == FieldMode::Inline {
            shape.extend_from_slice(&[0, flags, code]);
            put_varint(enc, value.len() as u32);
            enc.extend_from_slice(value);
            return true;
        }
        let Some(handle) = self.field_pool(code).intern(value) else {
            return false;
        };
        shape.extend_from_slice(&[1, flags, code]);
        put_varint(enc, handle);
        true
    }

    /// The header of set `id`.
    pub(crate) fn header(&self, id: AttrSetId) -> Option<SetHeader> {
        let enc = self.sets.resolve(id.0)?;
        parse_header(enc).map(|(h, _)| h)
    }

    /// Rebuilds the wire attribute block of set `id` into `out` (appended) and returns its
    /// header. `None` for an unknown id or a corrupt encoding.
    pub(crate) fn decode(&self, id: AttrSetId, out: &mut Vec<u8>) -> Option<SetHeader> {
        let enc = self.sets.resolve(id.0)?;
        let (header, mut pos) = parse_header(enc)?;
        let mut value = Vec::new();
        let shape = match get_varint(enc, &mut pos)? {
            0 => {
                let n = get_varint(enc, &mut pos)? as usize;
                let shape = enc.get(pos..pos + n)?;
                pos += n;
                shape
            }
            h => self.shapes.resolve(h - 1)?,
        };
        for triple in shape.chunks_exact(3) {
            let (item, flags, code) = (triple[0], triple[1], triple[2]);
            if item == 4 {
                let n = get_varint(enc, &mut pos)? as usize;
                out.extend_from_slice(enc.get(pos..pos + n)?);
                pos += n;
                continue;
            }
            value.clear();
            match item {
                0 => {
                    let n = get_varint(enc, &mut pos)? as usize;
                    value.extend_from_slice(enc.get(pos..pos + n)?);
                    pos += n;
                }
                1 => {
                    let h = get_varint(enc, &mut pos)?;
                    value.extend_from_slice(self.fields[usize::from(code)].as_ref()?.resolve(h)?);
                }
                2 | 3 => {
                    let width = if code == 17 || header.source.four_byte_as() {
                        4
                    } else {
                        2
                    };
                    let asn = enc.get(pos..pos + width)?;
                    pos += width;
                    let h = get_varint(enc, &mut pos)?;
                    let tail = self.fields[usize::from(code)].as_ref()?.resolve(h)?;
                    if item == 2 {
                        let (&kind, rest) = tail.split_first()?;
                        let (&count, rest) = rest.split_first()?;
                        value.extend_from_slice(&[kind, count.checked_add(1)?]);
                        value.extend_from_slice(asn);
                        value.extend_from_slice(rest);
                    } else {
                        value.extend_from_slice(&[AS_SEQUENCE, 1]);
                        value.extend_from_slice(asn);
                        value.extend_from_slice(tail);
                    }
                }
                _ => return None,
            }
            out.push(flags);
            out.push(code);
            if flags & EXTENDED_LENGTH != 0 {
                out.extend_from_slice(&u16::try_from(value.len()).ok()?.to_be_bytes());
            } else {
                out.push(u8::try_from(value.len()).ok()?);
            }
            out.extend_from_slice(&value);
        }
        Some(header)
    }

    /// Statistics of every cache in use: `sets` first, `shapes`, then the field pools by type
    /// code.
    pub(crate) fn stats(&self) -> Vec<CacheStats> {
        let mut out = vec![CacheStats::from_pool("sets".into(), &self.sets)];
        if !self.shapes.is_empty() {
            out.push(CacheStats::from_pool("shapes".into(), &self.shapes));
        }
        for (code, pool) in self.fields.iter().enumerate() {
            if let Some(pool) = pool {
                let name = crate::config::FIELD_NAMES
                    .iter()
                    .find(|(_, c)| usize::from(*c) == code)
                    .map_or_else(|| format!("attr_{code}"), |(n, _)| (*n).to_owned());
                out.push(CacheStats::from_pool(name, pool));
            }
        }
        out
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.sets.heap_bytes()
            + self.shapes.heap_bytes()
            + self.payload.capacity()
            + self.shape.capacity()
            + self.fields.capacity() * std::mem::size_of::<Option<Box<ArenaPool>>>()
            + self
                .fields
                .iter()
                .flatten()
                .map(|p| p.heap_bytes() + std::mem::size_of::<ArenaPool>())
                .sum::<usize>()
            + self.scratch.capacity()
            + self.tail.capacity()
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.sets.shrink_to_fit();
        self.shapes.shrink_to_fit();
        self.payload = Vec::new();
        self.shape = Vec::new();
        for p in self.fields.iter_mut().flatten() {
            p.shrink_to_fit();
        }
        self.scratch = Vec::new();
        self.tail = Vec::new();
    }

    /// The attribute part of set `id`'s encoding (without source and time), for counting
    /// distinct attribute contents.
    pub(crate) fn attribute_part(&self, id: AttrSetId) -> &[u8] {
        let enc = self.sets.resolve(id.0).unwrap_or_default();
        match parse_header(enc) {
            Some((_, pos)) => &enc[pos..],
            None => &[],
        }
    }
}

fn parse_header(enc: &[u8]) -> Option<(SetHeader, usize)> {
    let source = Source(*enc.first()?);
    let time = u32::from_le_bytes(enc.get(1..5)?.try_into().ok()?);
    let (micros, pos) = if source.et() {
        (Some(u32::from_le_bytes(enc.get(5..9)?.try_into().ok()?)), 9)
    } else {
        (None, 5)
    };
    Some((
        SetHeader {
            source,
            time,
            micros,
        },
        pos,
    ))
}

/// Splits the attribute at `pos` of a block: (flags, code, value, position after it), or
/// `None` when its header or value overruns the block (RFC 4271 §4.3).
pub(crate) fn split_attr(block: &[u8], pos: usize) -> Option<(u8, u8, &[u8], usize)> {
    let flags = *block.get(pos)?;
    let code = *block.get(pos + 1)?;
    let (len, start) = if flags & EXTENDED_LENGTH != 0 {
        let l = block.get(pos + 2..pos + 4)?;
        (usize::from(u16::from_be_bytes([l[0], l[1]])), pos + 4)
    } else {
        (usize::from(*block.get(pos + 2)?), pos + 3)
    };
    let value = block.get(start..start + len)?;
    Some((flags, code, value, start + len))
}

/// MP_REACH_NLRI (RFC 4760 §3) up to and including its SNPA field, without the NLRI; the
/// value unchanged when it does not parse.
pub(crate) fn mp_reach_without_nlri(value: &[u8]) -> &[u8] {
    mp_reach_nlri_start(value).map_or(value, |n| &value[..n])
}

/// Offset of the NLRI field in an MP_REACH_NLRI value (RFC 4760 §3).
pub(crate) fn mp_reach_nlri_start(value: &[u8]) -> Option<usize> {
    let nh_len = usize::from(*value.get(3)?);
    let mut pos = 4 + nh_len;
    let snpas = *value.get(pos)?;
    pos += 1;
    for _ in 0..snpas {
        let n = usize::from(*value.get(pos)?);
        pos += 1 + n.div_ceil(2);
    }
    (pos <= value.len()).then_some(pos)
}

/// For an AS path (RFC 4271 §4.3) starting with an AS_SEQUENCE of `count >= 1` AS numbers of
/// `width` bytes: (count, first AS bytes, offset of what follows the first AS).
fn split_first_as(value: &[u8], width: usize) -> Option<(u8, &[u8], usize)> {
    let (&kind, rest) = value.split_first()?;
    let &count = rest.first()?;
    if kind != AS_SEQUENCE || count == 0 || value.len() < 2 + width * usize::from(count) {
        return None;
    }
    Some((count, &value[2..2 + width], 2 + width))
}

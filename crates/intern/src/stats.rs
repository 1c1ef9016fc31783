//! `Stats`: a pool's live statistics.

use serde::ser::SerializeStruct;

/// A snapshot of a pool's statistics, summed over its shards. Counters (`calls` to
/// `bytes_saved`) are cumulative since the pool was made; gauges (`live_entries` to
/// `heap_bytes`) describe the pool now. Serialises with every field plus `dedup_rate`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    /// Calls to `intern` (`get` is not counted).
    pub calls: u64,
    /// Calls that found an existing entry.
    pub hits: u64,
    /// Calls that found none (every call under `Inline`).
    pub misses: u64,
    /// Entries added (a miss under `Inline`, or on an LRU shard of capacity 0, adds none).
    pub inserts: u64,
    /// Entries evicted by `Lru` to stay within capacity.
    pub evictions: u64,
    /// Entries released because no handle held them (`Weak`, or an explicit `purge`).
    pub released: u64,
    /// Payload bytes callers did not have to store because a hit returned an existing instance.
    pub bytes_saved: u64,
    /// Entries the pool holds now.
    pub live_entries: u64,
    /// Payload bytes of the entries held (see `Internable::payload_len`).
    pub payload_bytes: u64,
    /// Bytes of the pool's own structures: hash tables (`allocation_size`), slabs and shards.
    pub table_bytes: u64,
    /// Everything the pool holds on the heap: `table_bytes` plus each entry's allocation
    /// (reference counts, stored hash, value), before the allocator's rounding.
    pub heap_bytes: u64,
    /// Number of shards.
    pub shards: usize,
}

impl Stats {
    /// The share of calls answered by an existing instance: `1 − misses / calls`, where a miss is
    /// a call that met a value the pool did not hold (so `misses` counts unique values, plus
    /// re-insertions after eviction). Zero when there were no calls.
    pub fn dedup_rate(&self) -> f64 {
        if self.calls == 0 {
            0.0
        } else {
            1.0 - self.misses as f64 / self.calls as f64
        }
    }

    /// Heap bytes per live entry (zero when empty).
    pub fn bytes_per_entry(&self) -> f64 {
        if self.live_entries == 0 {
            0.0
        } else {
            self.heap_bytes as f64 / self.live_entries as f64
        }
    }
}

impl serde::Serialize for Stats {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Stats", 13)?;
        st.serialize_field("calls", &self.calls)?;
        st.serialize_field("hits", &self.hits)?;
        st.serialize_field("misses", &self.misses)?;
        st.serialize_field("inserts", &self.inserts)?;
        st.serialize_field("evictions", &self.evictions)?;
        st.serialize_field("released", &self.released)?;
        st.serialize_field("bytes_saved", &self.bytes_saved)?;
        st.serialize_field("live_entries", &self.live_entries)?;
        st.serialize_field("payload_bytes", &self.payload_bytes)?;
        st.serialize_field("table_bytes", &self.table_bytes)?;
        st.serialize_field("heap_bytes", &self.heap_bytes)?;
        st.serialize_field("shards", &self.shards)?;
        st.serialize_field("dedup_rate", &self.dedup_rate())?;
        st.end()
    }
}

//! Exact heap accounting for `ribcage load`: the binary's global allocator counts every byte.
//!
//! The workspace forbids `unsafe_code` (a `forbid` no inner `allow` can lift), and a
//! `GlobalAlloc` impl needs `unsafe impl`; so the counting allocator comes from the
//! `allocation-counter` crate, which installs itself as the `#[global_allocator]` of any binary
//! that links it and counts requested bytes per thread. Loading runs on one thread.

/// Heap use of a measured closure.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Heap {
    /// Bytes allocated by the closure and still allocated when it returned.
    pub(crate) live: u64,
    /// The most bytes the closure held allocated at one time.
    pub(crate) peak: u64,
}

/// Runs `f`, counting its allocations on this thread.
pub(crate) fn measure(f: impl FnOnce()) -> Heap {
    let info = allocation_counter::measure(f);
    Heap {
        live: info.bytes_current.max(0) as u64,
        peak: info.bytes_max,
    }
}

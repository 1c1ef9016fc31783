//! Integration tests of ribcage-buffer: framing under any chunking of reads, every malformed
//! header, allocations per message, and the bundled RIS files.
//!
//! This binary links `allocation-counter`, whose global allocator counts per thread, so the
//! allocation tests need no lock against the other tests here.

mod alloc;
mod chunked;
mod malformed;
mod ris;
mod util;

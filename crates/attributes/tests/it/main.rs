//! Integration tests of ribcage-attributes: real UPDATEs from the RIS fixtures, bgpdump text
//! forms, RFC 7606 outcomes of deliberately corrupted messages, snapshots, property tests and
//! allocation counts.

mod alloc;
mod bgpdump;
mod mrt;
mod props;
mod rfc7606;
mod snapshots;

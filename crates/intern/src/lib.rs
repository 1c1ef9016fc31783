//! General-purpose interning: one canonical instance per distinct value, handles that compare by
//! pointer, per-field policies, sharding and live statistics.
//!
//! Layering: bottom of the stack beside `ribcage-buffer`; it knows nothing about BGP and depends
//! on no other ribcage crate.

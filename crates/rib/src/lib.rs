//! A compact in-memory RIB: routes keyed by peer, family, NLRI and path id, each pointing at an
//! interned attribute set.
//!
//! Layering: above `ribcage-mrt`; below `ribcage-cli`.

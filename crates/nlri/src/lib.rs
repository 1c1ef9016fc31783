//! NLRI decoding per address family through the `FamilyDecoder` registry.
//!
//! Layering: above `ribcage-buffer` and `ribcage-intern`; below `ribcage-attributes`.

//! BGP path attributes, UPDATE decoding, RFC 7606 error handling and attribute caches.
//!
//! Layering: above `ribcage-nlri`; below `ribcage-mrt`.

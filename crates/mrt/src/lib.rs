//! MRT record decoding (RFC 6396, RFC 8050) into peers, routes and BGP messages.
//!
//! Layering: above `ribcage-attributes`; below `ribcage-rib`.

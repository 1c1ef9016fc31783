//! Integration tests of ribcage-nlri, one module per family.

//! Unit tests of the generators.

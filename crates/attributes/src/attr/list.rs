//! Shared plumbing for attributes that are lists of fixed-size items.

use crate::{Error, RawAttribute};

/// Checks that a list attribute's value is a non-empty multiple of `size` bytes.
pub(crate) fn check_list(
    raw: &RawAttribute<'_>,
    size: usize,
    allow_empty: bool,
) -> Result<(), Error> {
    if raw.value.len() % size != 0 || (!allow_empty && raw.value.is_empty()) {
        return Err(raw.bad_length());
    }
    Ok(())
}

/// Serialises an iterator as a sequence of its items' `Display` strings.
pub(crate) struct DisplaySeq<I>(pub(crate) I);

impl<I, T> serde::Serialize for DisplaySeq<I>
where
    I: Iterator<Item = T> + Clone,
    T: std::fmt::Display,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone().map(|t| t.to_string()))
    }
}

/// Writes `items` separated by `sep`.
pub(crate) fn join<T: std::fmt::Display>(
    f: &mut std::fmt::Formatter<'_>,
    items: impl Iterator<Item = T>,
    sep: &str,
) -> std::fmt::Result {
    for (i, it) in items.enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{it}")?;
    }
    Ok(())
}

/// Lowercase hex of `bytes`.
pub(crate) struct Hex<'a>(pub(crate) &'a [u8]);

impl std::fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl serde::Serialize for Hex<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

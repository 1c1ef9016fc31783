//! Checks and text forms shared by the runs of NLRI in MP_REACH_NLRI, MP_UNREACH_NLRI and the
//! UPDATE body.

use std::fmt;

use ribcage_nlri::NlriIter;

use crate::{AttrType, Error};

/// Splits every NLRI of `it` (RFC 7606 §5.3); the first failure is named after `code`.
pub(crate) fn validate(it: NlriIter<'_>, code: AttrType) -> Result<(), Error> {
    for n in it {
        n.map_err(|source| Error::Nlri { code, source })?;
    }
    Ok(())
}

/// Writes ` P1 P2 ...`; an NLRI that does not split is written ` <error>`.
pub(crate) fn write(f: &mut fmt::Formatter<'_>, it: NlriIter<'_>) -> fmt::Result {
    for n in it {
        match n {
            Ok(n) => write!(f, " {n}")?,
            Err(e) => write!(f, " <{e}>")?,
        }
    }
    Ok(())
}

/// Serialises a run of NLRI as a sequence of strings; one that does not split as
/// `error: ...`.
pub(crate) struct Seq<'a>(pub(crate) NlriIter<'a>);

impl serde::Serialize for Seq<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone().map(|n| match n {
            Ok(n) => n.to_string(),
            Err(e) => format!("error: {e}"),
        }))
    }
}

//! One module per `ribcage` subcommand.

pub(crate) mod decode;
pub(crate) mod dump;
pub(crate) mod frames;
pub(crate) mod json;
pub(crate) mod load;
pub(crate) mod walk;

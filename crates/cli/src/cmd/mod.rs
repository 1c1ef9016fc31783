//! One module per `ribcage` subcommand.

pub(crate) mod frames;

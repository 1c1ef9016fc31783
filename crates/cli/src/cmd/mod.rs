//! One module per subcommand.

pub(crate) mod decode;
pub(crate) mod dump;
pub(crate) mod json;

//! The `ribcage` command.

fn main() {}

//! `ribcage decode`: one BGP message (or UPDATE body) per hex line, printed as JSON.

/// Arguments of `ribcage decode`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The message in hex; `-` or absent: read hex lines from stdin.
    #[arg(long)]
    hex: Option<String>,
    /// AS numbers are 2 bytes wide (default 4).
    #[arg(long)]
    as2: bool,
    /// Every family carries ADD-PATH path identifiers.
    #[arg(long = "add-path")]
    add_path: bool,
}

pub(crate) fn run(args: &Args) -> u8 {
    let _ = args;
    0
}

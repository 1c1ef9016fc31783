//! The `ribcage` command.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod input;

/// Decode BGP and MRT data.
#[derive(Debug, Parser)]
#[command(name = "ribcage", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the routes of an MRT file (bgpdump -m lines, or JSON).
    Dump(cmd::dump::Args),
    /// Decode one BGP message (or UPDATE body) per hex line into JSON.
    Decode(cmd::decode::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Dump(a) => cmd::dump::run(&a),
        Command::Decode(a) => cmd::decode::run(&a),
    };
    ExitCode::from(code)
}

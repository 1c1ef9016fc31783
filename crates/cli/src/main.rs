//! The `ribcage` command. Each subcommand lives in its own module under `cmd/`, with its clap
//! arguments (`Args`) and a `run` returning the exit code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod alloc;
mod cmd;

/// Decode BGP UPDATE messages and MRT files, and hold millions of routes in little memory.
#[derive(Debug, Parser)]
#[command(name = "ribcage", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Frame an MRT file record by record and count the records per (type, subtype).
    ///
    /// Prints, per (type, subtype), its name, the record count and the bytes those records take
    /// in the (decompressed) input, common header included; then bad records and elapsed time.
    ///
    /// Exit status: 0 when every record framed, 1 when a record was bad (the error, with its
    /// offset, is on stderr; MRT cannot resynchronise, so framing stops there), 2 when the input
    /// cannot be opened.
    Frames(cmd::frames::Args),
    /// Print the routes of an MRT file as bgpdump `-m` lines (the default) or as JSON.
    ///
    /// Damaged records are reported on stderr with their offset and skipped; decoding goes on
    /// after them. Exit status: 0 when everything decoded, 1 when something was skipped, 2 when
    /// the input cannot be read.
    Dump(cmd::dump::Args),
    /// Decode BGP messages (or UPDATE bodies) given in hex and print them as JSON.
    ///
    /// Exit status: 0 when every message decoded, 1 when one did not.
    Decode(cmd::decode::Args),
    /// Load MRT files into the in-memory RIB and report its size: routes, prefixes, peers,
    /// attribute sets, heap bytes (counted by the allocator) and RSS, bytes per route, per-cache
    /// statistics, time and routes/s.
    ///
    /// Exit status: 0 when everything loaded, 1 when parts of an input were damaged (counted
    /// and reported; every undamaged route is loaded), 2 when an input cannot be opened.
    Load(cmd::load::Args),
    /// Decode every route of an MRT file without printing it (peer, prefix, interned attribute
    /// set) and print the counts: records, routes, withdrawals, states, distinct attribute
    /// sets, bad records, elapsed time and routes/s. Exit status as `dump`.
    Walk(cmd::walk::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Frames(args) => cmd::frames::run(&args),
        Command::Dump(args) => ExitCode::from(cmd::dump::run(&args)),
        Command::Decode(args) => ExitCode::from(cmd::decode::run(&args)),
        Command::Load(args) => ExitCode::from(cmd::load::run(&args)),
        Command::Walk(args) => ExitCode::from(cmd::walk::run(&args)),
    }
}

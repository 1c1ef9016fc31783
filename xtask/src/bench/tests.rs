//! Tests of the bench driver's pure parts: BENCHMARKS.md sections and option parsing.

use super::replace_section;
use crate::gen::args::Args;

#[test]
fn a_missing_section_is_appended_and_an_existing_one_replaced() {
    let doc = "# Benchmarks\n\nintro\n";
    let once = replace_section(doc, "dump", "first");
    assert_eq!(
        once,
        "# Benchmarks\n\nintro\n\n<!-- bench:dump:begin -->\nfirst\n<!-- bench:dump:end -->\n"
    );
    let twice = replace_section(&once, "dump", "second\n");
    assert_eq!(twice, once.replace("first", "second"));
    let other = replace_section(&twice, "memory", "m");
    assert!(other.starts_with(&twice));
    assert!(other.ends_with("<!-- bench:memory:begin -->\nm\n<!-- bench:memory:end -->\n"));
    // Text after a section survives its replacement.
    let edited = replace_section(&other, "dump", "third");
    assert!(edited.contains("third") && !edited.contains("second"));
    assert!(edited.ends_with("<!-- bench:memory:end -->\n"));
}

#[test]
fn options_parse_in_both_forms_and_unknown_ones_fail() {
    let argv = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let mut a = Args::parse(&argv("vpn --routes 1_000 --rds=4 -o out.mrt")).expect("parses");
    assert_eq!(a.take("routes", 0u64), Ok(1000));
    assert_eq!(a.take("rds", 0u32), Ok(4));
    assert_eq!(a.take("labels", 100u32), Ok(100));
    assert_eq!(a.take_str("output").as_deref(), Some("out.mrt"));
    assert_eq!(a.finish(), Ok(vec!["vpn".to_string()]));

    let mut b = Args::parse(&argv("--peers x --bogus 1")).expect("parses");
    assert!(b.take("peers", 20u16).is_err());
    assert_eq!(b.finish(), Err("unknown option --bogus".to_string()));
    assert!(Args::parse(&argv("--runs")).is_err());
}

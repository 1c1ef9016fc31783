//! Every committed fuzz input (`fuzz/corpus/TARGET/*`, `fuzz/regressions/TARGET/*`) replayed
//! through its target's function, as the fuzz binaries run it: no input may panic.

use std::path::Path;

use ribcage_robustness::fixtures::root;
use ribcage_robustness::targets::{self, ALL};

/// The files of `dir`, sorted (none if it does not exist).
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The subdirectories of `dir`, sorted.
fn dirs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Replays every input under `fuzz/KIND/TARGET/`; returns how many ran.
fn replay(kind: &str) -> usize {
    let mut n = 0;
    for dir in dirs(&root().join("fuzz").join(kind)) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let target =
            targets::by_name(&name).unwrap_or_else(|| panic!("fuzz/{kind}/{name}: no such target"));
        for input in files(&dir) {
            let data = std::fs::read(&input).unwrap();
            let r = std::panic::catch_unwind(|| target(&data));
            assert!(r.is_ok(), "{} panicked", input.display());
            n += 1;
        }
    }
    n
}

#[test]
fn corpora_replay_without_panics() {
    let n = replay("corpus");
    // Every target has a committed corpus.
    for (name, _) in ALL {
        let dir = root().join("fuzz/corpus").join(name);
        assert!(!files(&dir).is_empty(), "no corpus for {name}");
    }
    assert!(n >= ALL.len());
}

#[test]
fn regressions_replay_without_panics() {
    // Every crasher found so far (FUZZING.md), run through the fixed code.
    assert!(replay("regressions") >= 2);
}

#[test]
fn seeds_from_the_captures_replay_without_panics() {
    let seeds = ribcage_robustness::fixtures::seeds(4);
    for (name, f) in ALL {
        let inputs = seeds.get(name).map(Vec::as_slice).unwrap_or_default();
        assert!(!inputs.is_empty(), "no seed for {name}");
        for i in inputs {
            f(i);
        }
    }
}

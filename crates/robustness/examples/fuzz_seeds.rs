//! Writes the fuzz seed corpora cut from the bundled captures: `fuzz_seeds DIR [PER_TARGET]`
//! creates `DIR/TARGET/seed-NNNN` for every target (run by `cargo xtask fuzz`).

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "fuzz/corpus_seeds".into()));
    let per_target: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(64);
    let seeds = ribcage_robustness::fixtures::seeds(per_target);
    for (target, _) in ribcage_robustness::targets::ALL {
        let inputs = seeds.get(target).map(Vec::as_slice).unwrap_or_default();
        let d = dir.join(target);
        std::fs::create_dir_all(&d).expect("create the seed directory");
        for (i, input) in inputs.iter().enumerate() {
            std::fs::write(d.join(format!("seed-{i:04}")), input).expect("write a seed");
        }
        println!("{target}: {} seeds", inputs.len());
    }
}

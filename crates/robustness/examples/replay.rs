//! Runs one fuzz target's function on files: `replay TARGET FILE...` (for reproducing a crash
//! outside libFuzzer, with a normal backtrace).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((target, files)) = args.split_first() else {
        eprintln!("usage: replay TARGET FILE...");
        std::process::exit(2);
    };
    let f = ribcage_robustness::targets::by_name(target).unwrap_or_else(|| {
        eprintln!("no such target: {target}");
        std::process::exit(2)
    });
    for path in files {
        let data = std::fs::read(path).expect("read the input");
        f(&data);
        println!("{path}: ok");
    }
}

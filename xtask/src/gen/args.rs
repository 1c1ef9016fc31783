//! A tiny command-line option parser for xtask commands (`--name value`, `--name=value`, `-o F`),
//! so xtask needs no argument-parsing dependency.

use std::collections::BTreeMap;

/// Options given as `--name value` or `--name=value`, plus positional arguments.
#[derive(Debug, Default)]
pub(crate) struct Args {
    options: BTreeMap<String, String>,
    /// Arguments that are not options, in order.
    pub(crate) positional: Vec<String>,
}

impl Args {
    /// Parses `args`; `-o` is short for `--output`. Every option takes a value.
    pub(crate) fn parse(args: &[String]) -> Result<Args, String> {
        let mut out = Args::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let name = match a.as_str() {
                "-o" => "output".to_string(),
                s if s.starts_with("--") => s[2..].to_string(),
                _ => {
                    out.positional.push(a.clone());
                    continue;
                }
            };
            let (name, value) = match name.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => {
                    let v = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
                    (name, v.clone())
                }
            };
            out.options.insert(name, value);
        }
        Ok(out)
    }

    /// Removes and returns option `name` parsed as `T`, or `default` when absent.
    pub(crate) fn take<T: std::str::FromStr>(
        &mut self,
        name: &str,
        default: T,
    ) -> Result<T, String> {
        match self.options.remove(name) {
            None => Ok(default),
            Some(v) => v
                .replace('_', "")
                .parse()
                .map_err(|_| format!("--{name}: cannot parse {v:?}")),
        }
    }

    /// Removes and returns option `name` as a string, if given.
    pub(crate) fn take_str(&mut self, name: &str) -> Option<String> {
        self.options.remove(name)
    }

    /// Fails on options nobody took.
    pub(crate) fn finish(self) -> Result<Vec<String>, String> {
        match self.options.keys().next() {
            Some(k) => Err(format!("unknown option --{k}")),
            None => Ok(self.positional),
        }
    }
}

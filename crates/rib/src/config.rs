//! [`InternConfig`]: which parts of a route's attributes are interned, switchable per field.

use std::fmt;
use std::str::FromStr;

/// How one path attribute type is stored inside an attribute set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldMode {
    /// The value's bytes are copied into the set.
    #[default]
    Inline,
    /// The value is interned in the attribute type's pool; the set holds a handle.
    Whole,
    /// AS_PATH / AS4_PATH only: the first AS number is kept in the set and the rest of the path
    /// (its "tail") is interned, so paths that differ only by a prepended AS share their tail.
    Tail,
}

/// Which intern caches a [`Rib`](crate::Rib) uses.
///
/// `sets` deduplicates whole attribute sets (the handle every route points at); `fields` says
/// per attribute type code how that attribute's value is stored inside a set. With everything
/// off ([`InternConfig::OFF`]) every announced route gets its own copy of its attributes, which
/// is the baseline each saving is measured against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InternConfig {
    /// Deduplicate attribute sets.
    pub sets: bool,
    /// Intern the route distinguisher of VPN NLRI (RFC 4364 §4.2) in the NLRI store: a VPN
    /// route's key holds a small handle instead of the 8-byte RD.
    pub rd: bool,
    /// Share label stacks (RFC 8277 §2) between routes: a labeled route's table slot holds the
    /// id of its stack among the distinct ones. Off, every route keeps its own copy.
    pub labels: bool,
    /// Storage mode per attribute type code.
    pub fields: [FieldMode; 256],
}

/// Attribute codes with a name the policy parser accepts, and their type codes.
pub const FIELD_NAMES: &[(&str, u8)] = &[
    ("origin", 1),
    ("as_path", 2),
    ("next_hop", 3),
    ("med", 4),
    ("local_pref", 5),
    ("atomic_aggregate", 6),
    ("aggregator", 7),
    ("communities", 8),
    ("originator_id", 9),
    ("cluster_list", 10),
    ("mp_reach", 14),
    ("ext_communities", 16),
    ("as4_path", 17),
    ("as4_aggregator", 18),
    ("large_communities", 32),
];

impl InternConfig {
    /// Nothing interned: every route owns a copy of its attributes.
    pub const OFF: InternConfig = InternConfig {
        sets: false,
        rd: false,
        labels: false,
        fields: [FieldMode::Inline; 256],
    };

    /// Every cache on: sets, every attribute value interned whole, AS paths by tail.
    pub fn all() -> Self {
        let mut c = InternConfig {
            sets: true,
            rd: true,
            labels: true,
            fields: [FieldMode::Whole; 256],
        };
        c.fields[2] = FieldMode::Tail;
        c.fields[17] = FieldMode::Tail;
        c
    }

    /// The default, chosen by measurement (docs/bench/rib.md): everything on, which is
    /// [`InternConfig::all`]. Handles are LEB128 varints, so even a one-byte ORIGIN is no
    /// bigger interned (its pool holds three values); AS paths by tail pay off as soon as
    /// several peers carry a table, and cost about 1 byte a route on a one-peer dump.
    pub fn default_policy() -> Self {
        Self::all()
    }

    /// The mode of attribute type `code`.
    pub fn field(&self, code: u8) -> FieldMode {
        self.fields[usize::from(code)]
    }

    /// Whether anything at all is interned.
    pub fn is_off(&self) -> bool {
        !self.sets
            && !self.rd
            && !self.labels
            && self.fields.iter().all(|&m| m == FieldMode::Inline)
    }
}

impl Default for InternConfig {
    fn default() -> Self {
        Self::default_policy()
    }
}

/// Why an `--intern` policy string did not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown intern policy item {item:?} (expected off, default, all, sets, no-sets, rd, -rd, labels, -labels, a field name or code, optionally with =whole|tail|inline, or -FIELD)")]
pub struct ParsePolicyError {
    /// The item that did not parse.
    pub item: String,
}

fn field_code(name: &str) -> Option<u8> {
    FIELD_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, c)| c)
        .or_else(|| name.parse().ok())
}

impl FromStr for InternConfig {
    type Err = ParsePolicyError;

    /// Parses a comma-separated policy: `off`, `default` or `all` to start from (the first item
    /// only; otherwise the start is `off`), then items that change it: `sets` / `no-sets`,
    /// `rd` / `-rd` (route distinguishers of VPN NLRI), `labels` / `-labels` (label stacks),
    /// `FIELD` (interned whole, or by tail for AS paths), `FIELD=inline|whole|tail`, `-FIELD`
    /// (inline). FIELD is a name from [`FIELD_NAMES`] or a type code.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut items = s
            .split(',')
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .peekable();
        let mut c = match items.peek().copied() {
            Some("off") => InternConfig::OFF,
            Some("default") => InternConfig::default_policy(),
            Some("all") => InternConfig::all(),
            _ => InternConfig::OFF,
        };
        if matches!(items.peek().copied(), Some("off" | "default" | "all")) {
            items.next();
        }
        for item in items {
            let bad = || ParsePolicyError {
                item: item.to_owned(),
            };
            match item {
                "sets" => c.sets = true,
                "no-sets" => c.sets = false,
                "rd" => c.rd = true,
                "-rd" => c.rd = false,
                "labels" => c.labels = true,
                "-labels" => c.labels = false,
                _ => {
                    let (name, mode) = match (item.strip_prefix('-'), item.split_once('=')) {
                        (Some(n), _) => (n, Some(FieldMode::Inline)),
                        (None, Some((n, m))) => (
                            n,
                            Some(match m {
                                "inline" => FieldMode::Inline,
                                "whole" => FieldMode::Whole,
                                "tail" => FieldMode::Tail,
                                _ => return Err(bad()),
                            }),
                        ),
                        (None, None) => (item, None),
                    };
                    let code = field_code(name).ok_or_else(bad)?;
                    let is_path = code == 2 || code == 17;
                    let mode = mode.unwrap_or(if is_path {
                        FieldMode::Tail
                    } else {
                        FieldMode::Whole
                    });
                    if mode == FieldMode::Tail && !is_path {
                        return Err(bad());
                    }
                    c.fields[usize::from(code)] = mode;
                }
            }
        }
        Ok(c)
    }
}

impl fmt::Display for InternConfig {
    /// The policy in the syntax [`InternConfig::from_str`] reads (`off`, or a list).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_off() {
            return f.write_str("off");
        }
        if *self == Self::all() {
            return f.write_str("all");
        }
        let mut first = true;
        let mut item = |f: &mut fmt::Formatter<'_>, s: fmt::Arguments<'_>| {
            let sep = if first { "" } else { "," };
            first = false;
            write!(f, "{sep}{s}")
        };
        if self.sets {
            item(f, format_args!("sets"))?;
        }
        if self.rd {
            item(f, format_args!("rd"))?;
        }
        if self.labels {
            item(f, format_args!("labels"))?;
        }
        for (code, mode) in self.fields.iter().enumerate() {
            let name = FIELD_NAMES
                .iter()
                .find(|(_, c)| usize::from(*c) == code)
                .map(|(n, _)| *n);
            let mode = match mode {
                FieldMode::Inline => continue,
                FieldMode::Whole => "whole",
                FieldMode::Tail => "tail",
            };
            match name {
                Some(n) => item(f, format_args!("{n}={mode}"))?,
                None => item(f, format_args!("{code}={mode}"))?,
            }
        }
        Ok(())
    }
}

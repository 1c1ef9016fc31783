//! JSON rendering of route elements and of decoded UPDATEs (schema in `crates/cli/JSON.md`).

use std::net::IpAddr;

use ribcage_attributes::{Aggregator, AsPath, AttrType, MergedAsPath, MpNextHop, PathAttributes};
use ribcage_mrt::{Action, Element, Route, RouteNlri};
use ribcage_nlri::{Decoded, Family, NlriRef, Registry};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

/// A family as `{"afi":1,"safi":1,"name":"IPv4/unicast"}`.
#[derive(Serialize)]
pub(crate) struct FamilyJson {
    afi: u16,
    safi: u8,
    name: String,
}

impl From<Family> for FamilyJson {
    fn from(f: Family) -> Self {
        Self {
            afi: f.afi.0,
            safi: f.safi.0,
            name: f.to_string(),
        }
    }
}

/// The attributes of a block without MP_REACH_NLRI / MP_UNREACH_NLRI (their contents are the
/// routes themselves and the route's next hop).
pub(crate) struct AttrsNoMp<'a>(pub(crate) PathAttributes<'a>);

impl Serialize for AttrsNoMp<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for raw in self.0.raw() {
            match raw {
                Ok(raw) => {
                    if raw.code == AttrType::MP_REACH_NLRI || raw.code == AttrType::MP_UNREACH_NLRI
                    {
                        continue;
                    }
                    match self.0.decode(&raw) {
                        Ok(a) => seq.serialize_element(&a)?,
                        Err(e) => seq.serialize_element(&ErrorJson {
                            error: e.to_string(),
                        })?,
                    }
                }
                Err(e) => {
                    seq.serialize_element(&ErrorJson {
                        error: e.to_string(),
                    })?;
                    break;
                }
            }
        }
        seq.end()
    }
}

/// The AS path and aggregator a 4-byte speaker sees: AS_PATH reconciled with AS4_PATH, and
/// AS4_AGGREGATOR in place of an AGGREGATOR holding AS_TRANS (RFC 6793 §4.2.3), on 2-byte
/// records; the attributes as they are on 4-byte ones.
#[derive(Serialize)]
pub(crate) struct Merged<'a> {
    /// `None`: no AS_PATH (field left out); `Some(None)`: AS_PATH does not parse (`null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) as_path: Option<Option<Joined<'a>>>,
    /// As `as_path`, for AGGREGATOR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) aggregator: Option<Option<Aggregator>>,
}

impl<'a> Merged<'a> {
    /// The merged path and aggregator of a block.
    pub(crate) fn of(attrs: &PathAttributes<'a>) -> Self {
        let has = |code| matches!(attrs.get(code), Ok(Some(_)));
        Self {
            as_path: has(AttrType::AS_PATH).then(|| attrs.merged_as_path().ok().map(Joined)),
            aggregator: has(AttrType::AGGREGATOR).then(|| attrs.merged_aggregator().ok().flatten()),
        }
    }
}

/// A merged path serialised as its segments with adjacent sequences joined (the merge leaves
/// the kept part of AS_PATH and AS4_PATH as two sequences; a 4-byte speaker sees one).
pub(crate) struct Joined<'a>(MergedAsPath<'a>);

impl Serialize for Joined<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut wire = Vec::new();
        self.0.write_wire4(&mut wire);
        match AsPath::parse(AttrType::AS_PATH, &wire, 0, true) {
            Ok(p) => p.serialize(s),
            Err(_) => self.0.serialize(s),
        }
    }
}

#[derive(Serialize)]
struct ErrorJson {
    error: String,
}

/// One NLRI: its text, top-level prefix / rd / labels, and every decoded field.
#[derive(Serialize)]
pub(crate) struct NlriJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rd: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<Vec<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nlri: Option<Decoded<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl<'a> NlriJson<'a> {
    /// An NLRI that could not be split off its run.
    pub(crate) fn error(error: String) -> Self {
        Self {
            prefix: None,
            path_id: None,
            rd: None,
            labels: None,
            nlri: None,
            error: Some(error),
        }
    }

    /// The JSON form of one NLRI.
    pub(crate) fn from_ref(n: &NlriRef<'a>) -> Self {
        match n.decode() {
            Ok(d) => Self {
                prefix: d.prefix().map(|p| p.to_string()),
                path_id: n.path_id(),
                rd: d.rd().map(|rd| rd.to_string()),
                labels: d.labels().map(|l| l.iter().map(|x| x.value()).collect()),
                nlri: Some(d),
                error: None,
            },
            Err(e) => Self {
                prefix: None,
                path_id: n.path_id(),
                rd: None,
                labels: None,
                nlri: None,
                error: Some(e.to_string()),
            },
        }
    }
}

#[derive(Serialize)]
struct RouteJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    timestamp: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    microseconds: Option<u32>,
    peer_ip: IpAddr,
    peer_as: u32,
    family: FamilyJson,
    #[serde(flatten)]
    nlri: NlriJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_hop: Option<MpNextHop>,
    #[serde(skip_serializing_if = "Option::is_none")]
    originated: Option<u32>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    merged: Option<Merged<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attributes: Option<AttrsNoMp<'a>>,
}

#[derive(Serialize)]
struct StateJson {
    #[serde(rename = "type")]
    kind: &'static str,
    timestamp: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    microseconds: Option<u32>,
    peer_ip: IpAddr,
    peer_as: u32,
    local_ip: IpAddr,
    local_as: u32,
    old_state: u16,
    new_state: u16,
    old_state_name: &'static str,
    new_state_name: &'static str,
}

/// BGP FSM state names as RFC 6396 §4.4.1 numbers them.
fn state_name(s: u16) -> &'static str {
    match s {
        1 => "Idle",
        2 => "Connect",
        3 => "Active",
        4 => "OpenSent",
        5 => "OpenConfirm",
        6 => "Established",
        7 => "Clearing",
        8 => "Deleted",
        _ => "Unknown",
    }
}

fn route_json<'a>(r: &Route<'a>, registry: &'a Registry) -> RouteJson<'a> {
    let nlri = match r.nlri {
        RouteNlri::Wire(n) => NlriJson::from_ref(&n),
        RouteNlri::Prefix(p) => NlriJson {
            prefix: Some(p.to_string()),
            path_id: None,
            rd: None,
            labels: None,
            nlri: Some(Decoded::Unicast {
                prefix: p,
                host_bits_set: false,
            }),
            error: None,
        },
    };
    let withdraw = r.action == Action::Withdraw;
    let attrs = (!withdraw).then(|| r.path_attributes(registry));
    RouteJson {
        kind: match r.action {
            Action::Announce => "announce",
            Action::Withdraw => "withdraw",
            Action::Rib => "rib",
        },
        timestamp: r.timestamp,
        microseconds: r.microseconds,
        peer_ip: r.peer_ip,
        peer_as: r.peer_as,
        family: r.family.into(),
        nlri,
        next_hop: r
            .next_hop()
            .and_then(|nh| MpNextHop::parse(AttrType::MP_REACH_NLRI, nh, 0).ok()),
        originated: r.originated,
        merged: attrs.as_ref().map(Merged::of),
        attributes: attrs.map(AttrsNoMp),
    }
}

/// Appends one JSON object for `el` and a newline.
pub(crate) fn write_element<'a>(out: &mut Vec<u8>, el: &Element<'a>, registry: &'a Registry) {
    let r = match el {
        Element::Route(r) => serde_json::to_writer(&mut *out, &route_json(r, registry)),
        Element::State(s) => serde_json::to_writer(
            &mut *out,
            &StateJson {
                kind: "state",
                timestamp: s.timestamp,
                microseconds: s.microseconds,
                peer_ip: s.peering.peer_ip,
                peer_as: s.peering.peer_as,
                local_ip: s.peering.local_ip,
                local_as: s.peering.local_as,
                old_state: s.old_state,
                new_state: s.new_state,
                old_state_name: state_name(s.old_state),
                new_state_name: state_name(s.new_state),
            },
        ),
    };
    // Writing into a Vec cannot fail, and every value here serialises.
    debug_assert!(r.is_ok());
    out.push(b'\n');
}

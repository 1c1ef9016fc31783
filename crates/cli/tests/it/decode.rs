//! `ribcage decode`: hex UPDATEs to JSON, whole messages and bodies, `--as2`, `--add-path`,
//! `--ebgp`/`--ibgp`, stdin lines and RFC 7606 outcomes.

use serde_json::Value;

use crate::ribcage;

/// ORIGIN IGP, AS_PATH 65000 (4-byte), NEXT_HOP 192.0.2.1; NLRI 10.0.0.0/8.
const BODY: &str = "0000 0014 40010100 4002060201 0000fde8 400304c0000201 080a";

fn json(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn body_and_whole_message() {
    let whole = format!("{}002d02{}", "ff".repeat(16), BODY);
    for hex in [BODY.to_string(), whole] {
        let out = ribcage(&["decode", "--hex", &hex], None);
        assert_eq!(out.status.code(), Some(0));
        let v = &json(&out)[0];
        assert_eq!(v["announced"][0]["family"]["name"], "IPv4/unicast");
        assert_eq!(v["announced"][0]["next_hop"], "192.0.2.1");
        assert_eq!(v["announced"][0]["nlri"][0]["prefix"], "10.0.0.0/8");
        assert_eq!(v["attributes"][1]["value"][0]["asns"][0], 65000);
        assert_eq!(v["outcome"]["problems"], 0);
    }
}

#[test]
fn as2_and_add_path_change_the_reading() {
    // The same AS_PATH bytes read as two 2-byte ASes.
    let body = "0000 0014 40010100 4002060202 0000fde8 400304c0000201 080a";
    let out = ribcage(&["decode", "--as2", "--hex", body], None);
    let v = &json(&out)[0];
    assert_eq!(
        v["attributes"][1]["value"][0]["asns"],
        serde_json::json!([0, 65000])
    );
    // With ADD-PATH the NLRI starts with a 4-byte path id.
    let body = "0000 0014 40010100 4002060201 0000fde8 400304c0000201 00000007 080a";
    let out = ribcage(&["decode", "--add-path", "--hex", body], None);
    let v = &json(&out)[0];
    assert_eq!(v["announced"][0]["nlri"][0]["path_id"], 7);
    assert_eq!(v["announced"][0]["nlri"][0]["prefix"], "10.0.0.0/8");
}

#[test]
fn stdin_lines_and_rfc7606_outcomes() {
    // Second line: ORIGIN with value 5 is malformed: treat-as-withdraw (RFC 7606 §7.1).
    let input = format!("{BODY}\n0000 0014 40010105 4002060201 0000fde8 400304c0000201 080a\nzz\n");
    let out = ribcage(&["decode"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "the bad hex line fails");
    let v = json(&out);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["outcome"]["problems"], 0);
    assert_eq!(v[1]["outcome"]["action"], "treat-as-withdraw");
    assert_eq!(v[1]["problems"][0]["code"], "ORIGIN");
    assert!(v[2]["error"].as_str().unwrap().contains("hex"));
}

#[test]
fn mp_reach_families() {
    // MP_REACH_NLRI IPv6 unicast, next hop 2001:db8::1, NLRI 2001:db8:1::/48; MP_UNREACH
    // IPv6 unicast 2001:db8:2::/48.
    let mp_reach = "800e1c 0002 01 10 20010db8000000000000000000000001 00 30 20010db80001";
    let mp_unreach = "800f0a 0002 01 30 20010db80002";
    let attrs = format!("40010100 40020a020200000001 00000002 {mp_reach} {mp_unreach}");
    let len = attrs.split_whitespace().map(str::len).sum::<usize>() / 2;
    let body = format!("0000 {len:04x} {attrs}");
    let out = ribcage(&["decode", "--hex", &body], None);
    let v = &json(&out)[0];
    assert_eq!(v["announced"][0]["family"]["name"], "IPv6/unicast");
    assert_eq!(v["announced"][0]["next_hop"]["global"], "2001:db8::1");
    assert_eq!(v["announced"][0]["nlri"][0]["prefix"], "2001:db8:1::/48");
    assert_eq!(v["withdrawn"][0]["nlri"][0]["prefix"], "2001:db8:2::/48");
}

/// RFC 6793 §4.2.3 on a 2-byte session: AS_PATH 1 23456 with AS4_PATH 70000, AGGREGATOR
/// 23456 with AS4_AGGREGATOR 70000. The attributes stay as received; `as_path` and
/// `aggregator` are what a 4-byte speaker sees.
#[test]
fn as4_merge_is_shown_beside_the_raw_attributes() {
    let body = "0000 0031 40010100 40020602020001 5ba0 400304c0000201 c007065ba001020304 \
                c011060201 00011170 c0120800011170 01020304 080a";
    let out = ribcage(&["decode", "--as2", "--hex", body], None);
    assert_eq!(out.status.code(), Some(0));
    let v = &json(&out)[0];
    assert_eq!(
        v["as_path"],
        serde_json::json!([{"type": "AS_SEQUENCE", "asns": [1, 70000]}])
    );
    assert_eq!(
        v["aggregator"],
        serde_json::json!({"asn": 70000, "addr": "1.2.3.4"})
    );
    assert_eq!(
        v["attributes"][1]["value"],
        serde_json::json!([{"type": "AS_SEQUENCE", "asns": [1, 23456]}])
    );
    // Read with 4-byte ASes the same AS_PATH and AGGREGATOR do not parse: both are null.
    let out = ribcage(&["decode", "--hex", body], None);
    let v = &json(&out)[0];
    assert_eq!(v["as_path"], Value::Null);
    assert_eq!(v["aggregator"], Value::Null);
    assert!(v.get("as_path").is_some());
}

#[test]
fn json_snapshot_of_as4_merge() {
    // The message of `as4_merge_is_shown_beside_the_raw_attributes`, whole.
    let body = "0000 0031 40010100 40020602020001 5ba0 400304c0000201 c007065ba001020304 \
                c011060201 00011170 c0120800011170 01020304 080a";
    let out = ribcage(&["decode", "--as2", "--hex", body], None);
    insta::assert_json_snapshot!("as4_merge_as2", json(&out));
}

#[test]
fn ebgp_and_ibgp_decide_a_malformed_local_pref() {
    // BODY with a three-byte LOCAL_PREF: treat-as-withdraw from an internal or unknown peer,
    // attribute discard from an external one (RFC 7606 §7.5).
    let body = "0000 001a 40010100 4002060201 0000fde8 400304c0000201 40050300 0064 080a";
    for (flags, action) in [
        (&[][..], "treat-as-withdraw"),
        (&["--ibgp"][..], "treat-as-withdraw"),
        (&["--ebgp"][..], "attribute-discard"),
    ] {
        let mut args = vec!["decode", "--hex", body];
        args.extend_from_slice(flags);
        let out = ribcage(&args, None);
        assert_eq!(out.status.code(), Some(0), "{flags:?}");
        let v = &json(&out)[0];
        assert_eq!(v["outcome"]["action"], action, "{flags:?}");
        assert_eq!(v["problems"][0]["action"], action);
        assert_eq!(v["announced"][0]["nlri"][0]["prefix"], "10.0.0.0/8");
    }
    // A well-formed LOCAL_PREF is discarded from an external peer only.
    let body = "0000 001b 40010100 4002060201 0000fde8 400304c0000201 4005040000 0064 080a";
    let out = ribcage(&["decode", "--ibgp", "--hex", body], None);
    assert_eq!(json(&out)[0]["outcome"]["problems"], 0);
    let out = ribcage(&["decode", "--ebgp", "--hex", body], None);
    let v = &json(&out)[0];
    assert_eq!(v["outcome"]["action"], "attribute-discard");
    assert_eq!(
        v["problems"][0]["error"],
        "attribute LOCAL_PREF received from an external peer at offset 24"
    );
    let out = ribcage(&["decode", "--ebgp", "--ibgp", "--hex", body], None);
    assert_ne!(out.status.code(), Some(0), "the two flags conflict");
}

//! Unit tests of the route distinguisher text forms.

use super::Rd;

#[test]
fn text_forms_per_type() {
    assert_eq!(Rd([0, 0, 0xfd, 0xe8, 0, 0, 0, 1]).to_string(), "65000:1");
    assert_eq!(Rd([0, 1, 192, 0, 2, 1, 0, 7]).to_string(), "192.0.2.1:7");
    assert_eq!(
        Rd([0, 2, 0xfa, 0x56, 0xea, 0x00, 0x01, 0x00]).to_string(),
        "4200000000:256"
    );
    let unknown = Rd([0, 9, 1, 2, 3, 4, 5, 6]);
    assert_eq!(unknown.rd_type(), 9);
    assert_eq!(unknown.to_string(), "9:010203040506");
    assert_eq!(
        serde_json::to_string(&unknown).unwrap(),
        "\"9:010203040506\""
    );
}

#[test]
fn from_slice_needs_eight_octets() {
    assert_eq!(Rd::from_slice(&[0; 7]), None);
    assert_eq!(Rd::from_slice(&[0; 9]), Some(Rd([0; 8])));
}

//! Label fields and stacks.

use super::{Label, Labels};

#[test]
fn fields_of_a_label() {
    let l = Label::from_wire([0x03, 0xe8, 0x0b]);
    assert_eq!(l.value(), 16000);
    assert_eq!(l.traffic_class(), 5);
    assert!(l.bottom_of_stack());
    assert_eq!(l.to_wire(), [0x03, 0xe8, 0x0b]);
    assert_eq!(Label::new(16000, true).to_wire(), [0x03, 0xe8, 0x01]);
    assert_eq!(Label::new(16000, false).to_wire(), [0x03, 0xe8, 0x00]);
    assert_eq!(format!("{l:?}"), "Label(16000 tc 5 bos)");
}

#[test]
fn withdraw_values() {
    assert!(Label::WITHDRAW_COMPAT.is_withdraw_compat());
    assert_eq!(Label::WITHDRAW_COMPAT.value(), 0x80000);
    assert!(!Label::WITHDRAW_COMPAT.bottom_of_stack());
    assert!(Label::WITHDRAW_ZERO.is_withdraw_compat());
    assert!(!Label::new(0, true).is_withdraw_compat());
    let s = Labels::new(&[0x80, 0, 0]).unwrap();
    assert!(s.is_withdraw_compat());
}

#[test]
fn stack_display_and_serde() {
    let wire = [0x03, 0xe8, 0x00, 0x03, 0xe8, 0x11];
    let s = Labels::new(&wire).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s.to_string(), "16000,16001");
    assert_eq!(serde_json::to_string(&s).unwrap(), "[16000,16001]");
    assert!(!s.is_withdraw_compat());
    let bos: Vec<bool> = s.iter().map(Label::bottom_of_stack).collect();
    assert_eq!(bos, [false, true]);
    assert_eq!(Labels::new(&wire[..3]).unwrap().to_string(), "16000");
    assert!(Labels::new(&wire[..4]).is_none());
}

//! Memory of held NLRI (see docs/bench/nlri.md).

use ribcage_nlri::{Family, Nlri};

#[test]
fn owned_nlri_size() {
    assert!(
        std::mem::size_of::<Nlri>() <= 40,
        "{}",
        std::mem::size_of::<Nlri>()
    );
    let _ = Family::IPV4_MPLS_VPN;
}

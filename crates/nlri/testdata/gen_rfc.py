#!/usr/bin/env python3
"""Builds NLRI by hand from the RFCs' wire layouts, for families and cases no installed
implementation encodes (MCAST-VPN, withdrawal labels, unknown RD types, VPLS auto-discovery,
partial RT-Constraint). Run: python3 gen_rfc.py > rfc_nlri.txt"""
import ipaddress

RD = bytes.fromhex("0000fde800000001")  # type 0, 65000:1 (RFC 4364 §4.2)


def ip4(s):
    return ipaddress.IPv4Address(s).packed


def ip6(s):
    return ipaddress.IPv6Address(s).packed


def asn(n):
    return n.to_bytes(4, "big")


def mv(t, body):
    """MCAST-VPN NLRI: route type, length, body (RFC 6514 §4)."""
    return bytes([t, len(body)]) + body


def src_grp(s, g):
    return s + g


def a4(s):
    return b"\x20" + ip4(s)


def a6(s):
    return b"\x80" + ip6(s)


T3 = mv(3, RD + a4("192.0.2.1") + a4("232.1.1.1") + ip4("10.0.0.1"))
ROWS = [
    # RFC 6514 §4.1-4.6, RFC 6515 (IPv6), RFC 6625 (wildcards).
    ("mvpn4_t1_intra_as_ipmsi_ad", 1, 5, mv(1, RD + ip4("10.0.0.1"))),
    ("mvpn6_t1_intra_as_ipmsi_ad", 2, 5, mv(1, RD + ip6("2001:db8::1"))),
    ("mvpn4_t2_inter_as_ipmsi_ad", 1, 5, mv(2, RD + asn(65000))),
    ("mvpn4_t3_spmsi_ad", 1, 5, T3),
    ("mvpn4_t3_spmsi_ad_wildcard", 1, 5, mv(3, RD + b"\x00\x00" + ip4("10.0.0.1"))),
    ("mvpn4_t4_leaf_ad", 1, 5, mv(4, T3 + ip4("10.0.0.2"))),
    ("mvpn4_t5_source_active_ad", 1, 5, mv(5, RD + a4("192.0.2.1") + a4("232.1.1.1"))),
    ("mvpn4_t6_shared_tree_join", 1, 5, mv(6, RD + asn(65000) + a4("192.0.2.9") + a4("239.1.1.1"))),
    ("mvpn4_t7_source_tree_join", 1, 5, mv(7, RD + asn(65000) + a4("192.0.2.1") + a4("232.1.1.1"))),
    ("mvpn6_t7_source_tree_join", 2, 5, mv(7, RD + asn(65000) + a6("2001:db8::5") + a6("ff3e::1"))),
    ("mvpn4_unknown_type", 1, 5, mv(9, bytes.fromhex("aabbcc"))),
    # RFC 8277 §2.4: withdrawals carry 0x800000 (or 0x000000) in place of the labels.
    ("lu4_withdraw_compat", 1, 4, bytes.fromhex("30800000") + ip4("10.1.0.0")[:3]),
    ("lu4_withdraw_zero", 1, 4, bytes.fromhex("30000000") + ip4("10.1.0.0")[:3]),
    ("vpnv4_withdraw_compat", 1, 128, bytes.fromhex("70800000") + RD + ip4("10.0.0.0")[:3]),
    # RFC 4364 §4.2: an RD type this crate does not know (5) is kept.
    ("vpnv4_rd_unknown_type", 1, 128,
     bytes.fromhex("70000641") + bytes.fromhex("0005010203040506") + ip4("10.0.0.0")[:3]),
    # RFC 6513 §5: SAFI 129 has the SAFI 128 encoding. Label 18 with bottom of stack.
    ("mcastvpn4_safi129", 1, 129, bytes.fromhex("7000012d") + RD + ip4("10.3.0.0")[:3]),
    # RFC 6074 §7.1: VPLS auto-discovery, RD 65000:100, PE 192.0.2.1.
    ("vpls_autodiscovery", 25, 65, bytes.fromhex("000c0000fde800000064") + ip4("192.0.2.1")),
    # RFC 4684 §4: a route target prefix of 32 bits, and the origin AS alone.
    ("rtc_partial_64", 1, 132, bytes.fromhex("400000fde80002fde8")),
    ("rtc_origin_only_32", 1, 132, bytes.fromhex("200000fde8")),
]

if __name__ == "__main__":
    for name, afi, safi, wire in ROWS:
        print(name, afi, safi, wire.hex())

#!/usr/bin/env python3
"""Encodes NLRI with ExaBGP 4.2's own classes and configuration parsers (Debian package
`exabgp`), printing `name AFI SAFI HEX` lines. Run: python3 gen_exabgp.py > exabgp.txt"""
import sys

sys.path.insert(0, "/usr/lib/python3/dist-packages")

from exabgp.protocol.family import AFI, SAFI  # noqa: E402
from exabgp.protocol.ip import IP  # noqa: E402
from exabgp.bgp.message import OUT  # noqa: E402
from exabgp.configuration.static.mpls import label, route_distinguisher  # noqa: E402
from exabgp.bgp.message.update.nlri.ipvpn import IPVPN  # noqa: E402
from exabgp.bgp.message.update.nlri.label import Label  # noqa: E402
from exabgp.bgp.message.update.nlri.cidr import CIDR  # noqa: E402
from exabgp.bgp.message.update.nlri.rtc import RTC  # noqa: E402
from exabgp.bgp.message.update.nlri.vpls import VPLS  # noqa: E402
from exabgp.bgp.message.update.attribute.community.extended.rt import (  # noqa: E402
    RouteTargetASN2Number,
    RouteTargetIPNumber,
    RouteTargetASN4Number,
)


def tok(*words):
    it = iter(words)
    return lambda: next(it)


def vpn(afi, prefix, labels, rd):
    addr, mask = prefix.split("/")
    n = IPVPN.new(afi, SAFI.mpls_vpn, IP.pton(addr), int(mask), label(tok(*labels)),
                  route_distinguisher(tok(rd)), action=OUT.ANNOUNCE)
    return n.pack()


def lu(afi, prefix, labels):
    addr, mask = prefix.split("/")
    n = Label(afi, SAFI.nlri_mpls, OUT.ANNOUNCE)
    n.cidr = CIDR(IP.pton(addr), int(mask))
    n.labels = label(tok(*labels))
    return n.pack()


out = [
    ("vpnv4_rd_type0", 1, 128, vpn(AFI.ipv4, "10.0.0.0/24", ["100"], "65000:1")),
    ("vpnv4_rd_type1", 1, 128, vpn(AFI.ipv4, "192.0.2.0/25", ["3000"], "192.0.2.1:7")),
    ("vpnv4_rd_type2", 1, 128, vpn(AFI.ipv4, "172.16.0.0/16", ["4000"], "4200000000:7")),
    ("vpnv6_rd_type0", 2, 128, vpn(AFI.ipv6, "2001:db8:1::/64", ["200"], "65000:1")),
    ("lu4_two_labels", 1, 4, lu(AFI.ipv4, "10.2.0.0/25", ["[", "16000", "16001", "]"])),
    ("lu6_one_label", 2, 4, lu(AFI.ipv6, "2001:db8::/48", ["200"])),
    ("rtc_asn2", 1, 132, RTC.new(AFI.ipv4, SAFI.rtc, 65000,
                                 RouteTargetASN2Number(65000, 100)).pack_nlri()),
    ("rtc_ip", 1, 132, RTC.new(AFI.ipv4, SAFI.rtc, 65000,
                               RouteTargetIPNumber("192.0.2.1", 7)).pack_nlri()),
    ("rtc_asn4", 1, 132, RTC.new(AFI.ipv4, SAFI.rtc, 4200000000,
                                 RouteTargetASN4Number(4200000000, 7)).pack_nlri()),
    ("rtc_default", 1, 132, RTC.new(AFI.ipv4, SAFI.rtc, 0, None).pack_nlri()),
    ("vpls", 25, 65, VPLS(route_distinguisher(tok("65000:100")), 1, 16000, 1, 10).pack_nlri()),
]
for name, afi, safi, wire in out:
    print(name, afi, safi, wire.hex())

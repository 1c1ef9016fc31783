#!/usr/bin/env python3
"""Derives variants_updates.mrt and variants_table.mrt from the GoBGP captures (see README.md)."""
import struct


def records(path):
    d = open(path, 'rb').read()
    p, out = 0, []
    while p + 12 <= len(d):
        t, ty, st, ln = struct.unpack('>IHHI', d[p:p + 12])
        out.append((t, ty, st, d[p + 12:p + 12 + ln]))
        p += 12 + ln
    return out


def rec(t, ty, st, body):
    return struct.pack('>IHHI', t, ty, st, len(body)) + body


out = b''
for i, (t, ty, st, body) in enumerate(records('plain_updates.mrt')):
    out += rec(t, 17, st, struct.pack('>I', 123456 + i) + body)  # BGP4MP_ET MESSAGE_AS4
    out += rec(t, 16, 7, body)                                   # MESSAGE_AS4_LOCAL
    out += rec(t, 17, 7, struct.pack('>I', 7 + i) + body)        # BGP4MP_ET MESSAGE_AS4_LOCAL
for t, ty, st, body in records('addpath_updates.mrt'):
    out += rec(t, 16, 11, body)                                  # MESSAGE_AS4_LOCAL_ADDPATH
    out += rec(t, 17, 9, struct.pack('>I', 999999) + body)       # BGP4MP_ET MESSAGE_AS4_ADDPATH
sc2 = struct.pack('>HHHH', 65001, 65002, 0, 1) + bytes([127, 0, 0, 1, 127, 0, 0, 2]) \
    + struct.pack('>HH', 3, 6)
sc4 = struct.pack('>IIHH', 4200000000, 65002, 0, 2) \
    + bytes.fromhex('20010db8000000000000000000000001') + bytes(16) + struct.pack('>HH', 6, 1)
out += rec(1795335800, 16, 0, sc2) + rec(1795335800, 16, 5, sc4)
out += rec(1795335801, 17, 5, struct.pack('>I', 5) + sc4)
open('variants_updates.mrt', 'wb').write(out)

rs = records('plain_table.mrt')
out = rec(*[r for r in rs if r[2] == 1][0])
for t, ty, st, body in rs:
    if st == 2:
        out += rec(t, 13, 2, body)                               # RIB_IPV4_UNICAST
        out += rec(t, 13, 3, body)                               # as RIB_IPV4_MULTICAST
        out += rec(t, 13, 6, body[:4] + struct.pack('>HB', 1, 1) + body[4:])  # as RIB_GENERIC
        break
open('variants_table.mrt', 'wb').write(out)

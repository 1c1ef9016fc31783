#!/usr/bin/env python3
"""Prints the MP_REACH/MP_UNREACH NLRI fields of every BGP4MP UPDATE in an MRT file.

One line per attribute: `reach|unreach AFI SAFI add_path HEX`, where HEX is the NLRI field
(after the next hop for MP_REACH). `add_path` is 1 for BGP4MP *_ADDPATH subtypes (RFC 8050).
"""
import struct
import sys


def attrs(buf):
    i = 0
    while i < len(buf):
        flags, code = buf[i], buf[i + 1]
        if flags & 0x10:
            (ln,) = struct.unpack_from("!H", buf, i + 2)
            i += 4
        else:
            ln = buf[i + 2]
            i += 3
        yield code, buf[i:i + ln]
        i += ln


def main(path):
    data = open(path, "rb").read()
    i = 0
    while i + 12 <= len(data):
        _ts, typ, sub, ln = struct.unpack_from("!IHHI", data, i)
        body = data[i + 12:i + 12 + ln]
        i += 12 + ln
        if typ not in (16, 17):
            continue
        add_path = 1 if sub in (8, 9, 10, 11) else 0
        as4 = sub in (4, 6, 9, 11)
        asl = 4 if as4 else 2
        _pas, _las, _ifi, afi = struct.unpack_from("!" + ("II" if as4 else "HH") + "HH", body, 0)
        j = 2 * asl + 4
        j += 8 if afi == 1 else 32
        msg = body[j:]
        if msg[18] != 2:
            continue
        (wl,) = struct.unpack_from("!H", msg, 19)
        (al,) = struct.unpack_from("!H", msg, 21 + wl)
        pa = msg[23 + wl:23 + wl + al]
        for code, val in attrs(pa):
            if code == 14:
                afi_, safi = struct.unpack_from("!HB", val, 0)
                nhl = val[3]
                nlri = val[5 + nhl:]
                print("reach", afi_, safi, add_path, nlri.hex())
            elif code == 15:
                afi_, safi = struct.unpack_from("!HB", val, 0)
                print("unreach", afi_, safi, add_path, val[3:].hex())


if __name__ == "__main__":
    main(sys.argv[1])

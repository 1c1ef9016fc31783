import struct, sys
def tlv(t, v): return struct.pack("!HH", t, len(v)) + v
local = tlv(256, tlv(512, struct.pack("!I", 65000)) + tlv(514, bytes(4)) + tlv(515, bytes([192,0,2,1])))
remote = tlv(257, tlv(512, struct.pack("!I", 65000)) + tlv(514, bytes(4)) + tlv(515, bytes([192,0,2,2])))
node = b"\x03" + bytes(8) + local
link = b"\x03" + bytes(8) + local + remote + tlv(259, bytes([10,0,0,1])) + tlv(260, bytes([10,0,0,2]))
pfx4 = b"\x03" + bytes(8) + local + tlv(265, bytes([24, 10, 1, 0]))
sid = b"\x02" + bytes(8) + tlv(256, tlv(512, struct.pack("!I", 65000)) + tlv(515, bytes([0,0,0,0,0,1]))) + tlv(518, bytes.fromhex("20010db8000000000000000000000001"))
nlris = [struct.pack("!HH", 1, len(node)) + node, struct.pack("!HH", 2, len(link)) + link,
         struct.pack("!HH", 3, len(pfx4)) + pfx4, struct.pack("!HH", 6, len(sid)) + sid]
def update(safi, nl):
    mp = struct.pack("!HBB", 16388, safi, 4) + bytes([192,0,2,1]) + b"\x00" + nl
    attrs = bytes([0x40,1,1,0]) + bytes([0x40,2,0]) + bytes([0x90,14]) + struct.pack("!H", len(mp)) + mp
    body = struct.pack("!H", 0) + struct.pack("!H", len(attrs)) + attrs
    return b"\xff"*16 + struct.pack("!HB", 19+len(body), 2) + body
rd = bytes.fromhex("0000fde800000007")
vpn_node = rd + node
vpn = struct.pack("!HH", 1, len(vpn_node)) + vpn_node
for n in nlris: print(update(71, n).hex())
print(update(72, vpn).hex())

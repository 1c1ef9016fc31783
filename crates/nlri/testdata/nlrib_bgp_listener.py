"""Minimal passive BGP speaker: accepts one session, answers OPEN, logs UPDATE hex."""
import socket, struct, sys

PORT = int(sys.argv[1]); OUT = sys.argv[2]
FAMILIES = [(1,133),(2,133),(1,134),(2,134),(25,70),(1,73),(2,73),(1,85),(2,85),(16388,71),(16388,72),(1,1)]

def cap_mp(afi, safi):
    return bytes([1, 4]) + struct.pack("!HBB", afi, 0, safi)

def open_msg():
    caps = b"".join(cap_mp(a, s) for a, s in FAMILIES) + bytes([65, 4]) + struct.pack("!I", 65001)
    opt = bytes([2, len(caps)]) + caps
    body = struct.pack("!BHH4sB", 4, 23456, 90, socket.inet_aton("127.0.0.9"), len(opt)) + opt
    return b"\xff" * 16 + struct.pack("!HB", 19 + len(body), 1) + body

def recv_exact(c, n):
    b = b""
    while len(b) < n:
        d = c.recv(n - len(b))
        if not d:
            raise EOFError
        b += d
    return b

s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", PORT)); s.listen(1)
c, _ = s.accept()
out = open(OUT, "a", buffering=1)
c.sendall(open_msg())
while True:
    try:
        hdr = recv_exact(c, 19)
    except EOFError:
        break
    ln, typ = struct.unpack("!HB", hdr[16:19])
    body = recv_exact(c, ln - 19)
    if typ == 1:
        c.sendall(b"\xff" * 16 + struct.pack("!HB", 19, 4))
    elif typ == 4:
        c.sendall(b"\xff" * 16 + struct.pack("!HB", 19, 4))
    elif typ == 2:
        out.write((hdr + body).hex() + "\n")
    else:
        out.write("type%d %s\n" % (typ, body.hex()))

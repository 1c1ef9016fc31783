# Capture script for testdata/gobgp_updates.txt (sessions 1 and 2): a passive BGP speaker that
# answers gobgpd's OPEN and writes every UPDATE it receives as hex. Usage: listener.py PORT OUT SECONDS
import socket, struct, sys, time
port = int(sys.argv[1]); out = open(sys.argv[2], 'w')
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', port)); s.listen(1)
c, _ = s.accept()
def msg(t, body): return b'\xff'*16 + struct.pack('!HB', 19+len(body), t) + body
def cap(code, v): return bytes([code, len(v)]) + v
caps = b''
for afi, safi in [(1,1),(2,1),(25,70),(1,133),(2,133),(1,134),(1,85),(2,85),(1,4),(2,4),(1,128),(2,128)]:
    caps += cap(1, struct.pack('!HBB', afi, 0, safi))
caps += cap(65, struct.pack('!I', 65000))
opt = bytes([2, len(caps)]) + caps
c.sendall(msg(1, struct.pack('!BHHI', 4, 65000, 90, 0xc0000264) + bytes([len(opt)]) + opt))
c.sendall(msg(4, b''))
buf = b''
c.settimeout(1.0)
end = time.time() + float(sys.argv[3])
while time.time() < end:
    try:
        d = c.recv(65536)
    except socket.timeout:
        c.sendall(msg(4, b'')); continue
    if not d: break
    buf += d
    while len(buf) >= 19:
        l = struct.unpack('!H', buf[16:18])[0]
        if len(buf) < l: break
        m, buf = buf[:l], buf[l:]
        if m[18] == 2:
            out.write(m.hex() + '\n'); out.flush()
        elif m[18] == 4:
            c.sendall(msg(4, b''))

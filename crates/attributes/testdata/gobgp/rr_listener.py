# Capture script for the route-reflector entry of testdata/gobgp_updates.txt. Usage:
# rr_listener.py HOST PORT OUT SECONDS [UPDATE_HEX_TO_SEND]
import socket, struct, sys, time
host, port, outp, dur = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
send_hex = sys.argv[5] if len(sys.argv) > 5 else ''
out = open(outp, 'w')
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((host, port)); s.listen(1)
c, _ = s.accept()
def msg(t, body): return b'\xff'*16 + struct.pack('!HB', 19+len(body), t) + body
def cap(code, v): return bytes([code, len(v)]) + v
caps = cap(1, struct.pack('!HBB', 1, 0, 1)) + cap(65, struct.pack('!I', 65000))
opt = bytes([2, len(caps)]) + caps
rid = 0xc0000265 if host.endswith('.1') else 0xc0000266
c.sendall(msg(1, struct.pack('!BHHI', 4, 65000, 90, rid) + bytes([len(opt)]) + opt))
c.sendall(msg(4, b''))
c.settimeout(1.0)
end = time.time() + dur; sent = False; start = time.time(); buf = b''
while time.time() < end:
    if send_hex and not sent and time.time() - start > 3:
        c.sendall(bytes.fromhex(send_hex)); sent = True
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

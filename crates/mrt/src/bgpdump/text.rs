//! Allocation-free text output for the bgpdump format: decimal numbers, IPv4 and IPv6 addresses
//! written straight into the output buffer.

/// Appends `v` in decimal.
#[inline]
pub(crate) fn put_u32(out: &mut Vec<u8>, mut v: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends `v` as C's `%d` prints a `u32` reinterpreted as `int`.
#[inline]
pub(crate) fn put_i32(out: &mut Vec<u8>, v: u32) {
    let v = v as i32;
    if v < 0 {
        out.push(b'-');
        put_u32(out, v.unsigned_abs());
    } else {
        put_u32(out, v as u32);
    }
}

/// Appends a dotted-quad IPv4 address (as `inet_ntoa` prints it).
#[inline]
pub(crate) fn put_ipv4(out: &mut Vec<u8>, a: [u8; 4]) {
    for (i, b) in a.iter().enumerate() {
        if i > 0 {
            out.push(b'.');
        }
        put_u32(out, u32::from(*b));
    }
}

/// Appends an IPv6 address as glibc's `inet_ntop` prints it: lowercase hex, the first longest
/// run of zero groups as `::`, and the embedded IPv4 form for IPv4-mapped and
/// IPv4-compatible addresses. Unlike RFC 5952, bgpdump also compresses a single zero group.
pub(crate) fn put_ipv6(out: &mut Vec<u8>, a: [u8; 16]) {
    let mut w = [0u16; 8];
    for (i, g) in w.iter_mut().enumerate() {
        *g = u16::from_be_bytes([a[2 * i], a[2 * i + 1]]);
    }
    // Longest run of zero groups, first one on ties.
    let (mut best, mut best_len) = (usize::MAX, 0);
    let mut i = 0;
    while i < 8 {
        if w[i] == 0 {
            let start = i;
            while i < 8 && w[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len == 0 {
        best = usize::MAX;
    }
    let mut i = 0;
    while i < 8 {
        if i == best {
            if i == 0 {
                out.push(b':');
            }
            out.push(b':');
            i += best_len;
            continue;
        }
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)) {
            put_ipv4(out, [a[12], a[13], a[14], a[15]]);
            return;
        }
        put_hex(out, w[i]);
        if i < 7 {
            out.push(b':');
        }
        i += 1;
    }
}

fn put_hex(out: &mut Vec<u8>, g: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut started = false;
    for shift in [12u16, 8, 4, 0] {
        let d = (g >> shift) & 0xf;
        if d != 0 || started || shift == 0 {
            out.push(HEX[usize::from(d)]);
            started = true;
        }
    }
}

#[cfg(test)]
mod tests;

//! Allocation-free text output for the bgpdump format: decimal numbers, IPv4 and IPv6 addresses
//! written straight into the output buffer.

/// Where address text goes: the output buffer, or a [`Small`] one for `Display`.
pub(crate) trait Sink {
    fn push(&mut self, b: u8);
}

impl Sink for Vec<u8> {
    #[inline]
    fn push(&mut self, b: u8) {
        Vec::push(self, b);
    }
}

/// A stack buffer long enough for any IPv6 address text (45 bytes).
#[derive(Debug)]
pub(crate) struct Small {
    buf: [u8; 48],
    len: usize,
}

impl Default for Small {
    fn default() -> Self {
        Self {
            buf: [0; 48],
            len: 0,
        }
    }
}

impl Small {
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII is ever pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl Sink for Small {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }
}

/// Number of decimal digits of `v`.
#[inline]
fn digits(v: u32) -> usize {
    match v {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1_000..=9_999 => 4,
        10_000..=99_999 => 5,
        100_000..=999_999 => 6,
        1_000_000..=9_999_999 => 7,
        10_000_000..=99_999_999 => 8,
        100_000_000..=999_999_999 => 9,
        _ => 10,
    }
}

/// Appends `v` in decimal, written in place (no temporary buffer, no copy call).
#[inline]
pub fn put_u32(out: &mut Vec<u8>, mut v: u32) {
    let n = digits(v);
    let start = out.len();
    out.resize(start + n, b'0');
    for d in out[start..].iter_mut().rev() {
        *d = b'0' + (v % 10) as u8;
        v /= 10;
    }
}

/// Appends `v` as C's `%d` prints a `u32` reinterpreted as `int`.
#[inline]
pub fn put_i32(out: &mut Vec<u8>, v: u32) {
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
pub fn put_ipv4(out: &mut Vec<u8>, a: [u8; 4]) {
    out.reserve(15);
    write_ipv4(out, a);
}

#[inline]
fn write_ipv4<S: Sink>(out: &mut S, a: [u8; 4]) {
    for (i, &b) in a.iter().enumerate() {
        if i > 0 {
            out.push(b'.');
        }
        if b >= 100 {
            out.push(b'0' + b / 100);
        }
        if b >= 10 {
            out.push(b'0' + (b / 10) % 10);
        }
        out.push(b'0' + b % 10);
    }
}

/// Appends an IPv6 address as glibc's `inet_ntop` prints it: lowercase hex, the first longest
/// run of zero groups as `::`, and the embedded IPv4 form for IPv4-mapped and
/// IPv4-compatible addresses. Unlike RFC 5952, bgpdump also compresses a single zero group.
#[inline]
pub fn put_ipv6(out: &mut Vec<u8>, a: [u8; 16]) {
    write_ipv6(out, a);
}

/// [`put_ipv6`] into any [`Sink`].
pub(crate) fn write_ipv6<S: Sink>(out: &mut S, a: [u8; 16]) {
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
            write_ipv4(out, [a[12], a[13], a[14], a[15]]);
            return;
        }
        put_hex(out, w[i]);
        if i < 7 {
            out.push(b':');
        }
        i += 1;
    }
}

fn put_hex<S: Sink>(out: &mut S, g: u16) {
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

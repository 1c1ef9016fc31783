//! Allocation-free text output for the bgpdump format: decimal numbers, IPv4 and IPv6 addresses
//! written straight into the output buffer.

/// A stack buffer of `N` bytes that text is built in before one constant-size copy into the
/// output ([`TextBuf::append_to`]): no per-byte capacity checks on the `Vec`, no `memset` and no
/// variable-length `memcpy` call. Text past `N` bytes is dropped; 48 bytes hold any IPv6
/// address text (45 bytes).
#[derive(Clone, Copy, Debug)]
pub struct TextBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Default for TextBuf<N> {
    #[inline]
    fn default() -> Self {
        Self {
            buf: [0; N],
            len: 0,
        }
    }
}

impl<const N: usize> TextBuf<N> {
    /// The text, as a `str`.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }

    /// The text.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Length of the text.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Empties the buffer.
    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Appends a byte.
    #[inline]
    pub fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// Appends `v` in decimal.
    #[inline(always)]
    pub fn put_u32(&mut self, mut v: u32) {
        let end = self.len + digits(v);
        let Some(d) = self.buf.get_mut(self.len..end) else {
            return;
        };
        // Two digits at a time from the right.
        let mut i = d.len();
        while v >= 100 {
            let r = 2 * (v % 100) as usize;
            v /= 100;
            i -= 2;
            d[i] = PAIRS[r];
            d[i + 1] = PAIRS[r + 1];
        }
        if v >= 10 {
            let r = 2 * v as usize;
            d[0] = PAIRS[r];
            d[1] = PAIRS[r + 1];
        } else {
            d[0] = b'0' + v as u8;
        }
        self.len = end;
    }

    /// Appends bytes (as many as fit).
    #[inline]
    pub fn extend(&mut self, text: &[u8]) {
        let n = text.len().min(N - self.len);
        if let Some(d) = self.buf.get_mut(self.len..self.len + n) {
            d.copy_from_slice(&text[..n]);
            self.len += n;
        }
    }

    /// Appends another buffer's text (as much as fits), with a constant-size copy when its
    /// whole buffer fits.
    #[inline]
    pub fn extend_buf<const M: usize>(&mut self, other: &TextBuf<M>) {
        if let Some(d) = self.buf.get_mut(self.len..self.len + M) {
            d.copy_from_slice(&other.buf);
            self.len += other.len;
        } else {
            self.extend(other.as_bytes());
        }
    }

    /// Appends an IPv4 address, as [`put_ipv4`] does.
    #[inline]
    pub fn put_ipv4(&mut self, a: [u8; 4]) {
        write_ipv4(self, a);
    }

    /// Appends an IPv6 address, as [`put_ipv6`] does.
    #[inline]
    pub fn put_ipv6(&mut self, a: [u8; 16]) {
        write_ipv6(self, a);
    }

    /// Appends an octet in decimal (through a table: one 4-byte copy).
    #[inline]
    pub fn put_octet(&mut self, b: u8) {
        let t = &OCTETS[usize::from(b)];
        if let Some(d) = self.buf.get_mut(self.len..self.len + 4) {
            d.copy_from_slice(t);
            self.len += usize::from(t[3]);
        } else {
            for &c in &t[..usize::from(t[3])] {
                self.push(c);
            }
        }
    }

    /// Appends the text to `out` with one copy of the whole (constant-size) buffer, then cuts
    /// the unused part off again.
    #[inline]
    pub fn append_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.buf);
        out.truncate(out.len() - (N - self.len));
    }
}

/// "00" to "99".
const PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// Number of decimal digits of `v`.
#[inline(always)]
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

/// Appends `v` in decimal, built on the stack and copied in once (no `resize`, whose fill is a
/// `memset` call).
#[inline]
pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    let mut s = TextBuf::<10>::default();
    s.put_u32(v);
    s.append_to(out);
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
    let mut s = TextBuf::<16>::default();
    write_ipv4(&mut s, a);
    s.append_to(out);
}

/// Appends an IPv4 prefix, `a.b.c.d/len`.
#[inline]
pub fn put_ipv4_prefix(out: &mut Vec<u8>, a: [u8; 4], len: u8) {
    let mut s = TextBuf::<24>::default();
    write_ipv4(&mut s, a);
    s.push(b'/');
    s.put_octet(len);
    s.append_to(out);
}

/// Appends an IPv6 prefix, `addr/len`, the address as [`put_ipv6`] prints it.
#[inline]
pub fn put_ipv6_prefix(out: &mut Vec<u8>, a: [u8; 16], len: u8) {
    let mut s = TextBuf::<56>::default();
    write_ipv6(&mut s, a);
    s.push(b'/');
    s.put_octet(len);
    s.append_to(out);
}

/// The decimal text of every octet value: up to three digits, then the digit count.
const OCTETS: [[u8; 4]; 256] = {
    let mut t = [[0u8; 4]; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 100 {
            [b'0' + b / 100, b'0' + (b / 10) % 10, b'0' + b % 10, 3]
        } else if b >= 10 {
            [b'0' + b / 10, b'0' + b % 10, 0, 2]
        } else {
            [b'0' + b, 0, 0, 1]
        };
        i += 1;
    }
    t
};

#[inline]
fn write_ipv4<const N: usize>(out: &mut TextBuf<N>, a: [u8; 4]) {
    out.put_octet(a[0]);
    for &b in &a[1..] {
        out.push(b'.');
        out.put_octet(b);
    }
}

/// Appends an IPv6 address as glibc's `inet_ntop` prints it: lowercase hex, the first longest
/// run of zero groups as `::`, and the embedded IPv4 form for IPv4-mapped and
/// IPv4-compatible addresses. Unlike RFC 5952, bgpdump also compresses a single zero group.
#[inline]
pub fn put_ipv6(out: &mut Vec<u8>, a: [u8; 16]) {
    let mut s = TextBuf::<48>::default();
    write_ipv6(&mut s, a);
    s.append_to(out);
}

/// [`put_ipv6`] into a [`TextBuf`].
pub(crate) fn write_ipv6<const N: usize>(out: &mut TextBuf<N>, a: [u8; 16]) {
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

fn put_hex<const N: usize>(out: &mut TextBuf<N>, g: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let n = match g {
        0x1000.. => 4,
        0x100.. => 3,
        0x10.. => 2,
        _ => 1,
    };
    // The digits moved to the top, written as four (one store) and counted as `n`.
    let v = usize::from(g << (4 * (4 - n)));
    let text = [
        HEX[v >> 12],
        HEX[(v >> 8) & 0xf],
        HEX[(v >> 4) & 0xf],
        HEX[v & 0xf],
    ];
    if let Some(d) = out.buf.get_mut(out.len..out.len + 4) {
        d.copy_from_slice(&text);
        out.len += n;
    } else {
        out.extend(&text[..n]);
    }
}

#[cfg(test)]
mod tests;

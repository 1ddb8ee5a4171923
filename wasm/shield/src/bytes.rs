//! Finding one, two or three byte values in a slice, eight bytes per step.
//!
//! The `memchr` crate (2.5, what Debian ships) has no SIMD path on wasm32,
//! and its portable fallback works in `usize` words, which are four bytes
//! there. WebAssembly has native 64-bit integers, so these read `u64` words
//! instead: twice the bytes per step, and the match position comes from the
//! word's trailing zeros rather than a byte loop after every hit. Same
//! results as `memchr::memchr{,2,3}` (tested against them).

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of the result at or after the first zero byte
/// of `x` (exact for the first one, which is all that is read).
#[inline(always)]
fn zeros(x: u64) -> u64 {
    x.wrapping_sub(LO) & !x & HI
}

/// The eight bytes of `hay` at `at` as a little-endian word.
#[inline(always)]
pub(crate) fn word(hay: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&hay[at..at + 8]);
    u64::from_le_bytes(w)
}

/// Index of the first byte whose zero marks are set in `z` (non-zero).
#[inline(always)]
fn first(z: u64) -> usize {
    (z.trailing_zeros() / 8) as usize
}

/// The first position in `$hay` of a word whose marks (`$marks` of the
/// word `$w`) are set, a word at a time, then bytes (`$is` of `$b`) for
/// the last few.
macro_rules! search {
    ($hay:expr, |$w:ident| $marks:expr, |$b:ident| $is:expr) => {{
        let hay: &[u8] = $hay;
        let mut i = 0;
        let mut found = None;
        while i + 8 <= hay.len() {
            let $w = word(hay, i);
            let z = $marks;
            if z != 0 {
                found = Some(i + first(z));
                break;
            }
            i += 8;
        }
        match found {
            Some(p) => Some(p),
            None => hay[i..].iter().position(|&$b| $is).map(|p| i + p),
        }
    }};
}

/// The first position of `a` in `hay`.
pub fn memchr(a: u8, hay: &[u8]) -> Option<usize> {
    let va = LO * u64::from(a);
    search!(hay, |w| zeros(w ^ va), |b| b == a)
}

/// The first position of `a` or `b` in `hay`.
pub(crate) fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    let (va, vb) = (LO * u64::from(a), LO * u64::from(b));
    search!(hay, |w| zeros(w ^ va) | zeros(w ^ vb), |x| x == a || x == b)
}

/// The first position of `a`, `b` or `c` in `hay`.
pub(crate) fn memchr3(a: u8, b: u8, c: u8, hay: &[u8]) -> Option<usize> {
    let (va, vb, vc) = (LO * u64::from(a), LO * u64::from(b), LO * u64::from(c));
    search!(hay, |w| zeros(w ^ va) | zeros(w ^ vb) | zeros(w ^ vc), |x| x == a || x == b || x == c)
}

/// High bit set in exactly the zero bytes of `x` (unlike [`zeros`], no
/// false marks after the first), so every mark of a word can be used.
#[inline(always)]
fn zeros_exact(x: u64) -> u64 {
    !(((x & !HI).wrapping_add(!HI)) | x | !HI)
}

/// Every position of `a` in `hay`, in order.
pub(crate) fn memchr_iter(a: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let va = LO * u64::from(a);
    Positions { hay, at: 0, base: 0, pending: 0, marks: move |w: u64| zeros_exact(w ^ va), is: move |x: u8| x == a }
}

/// Every position of `a` or `b` in `hay`, in order.
pub(crate) fn memchr2_iter(a: u8, b: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let (va, vb) = (LO * u64::from(a), LO * u64::from(b));
    Positions {
        hay,
        at: 0,
        base: 0,
        pending: 0,
        marks: move |w: u64| zeros_exact(w ^ va) | zeros_exact(w ^ vb),
        is: move |x: u8| x == a || x == b,
    }
}

/// Every position of `a`, `b` or `c` in `hay`, in order.
pub(crate) fn memchr3_iter(a: u8, b: u8, c: u8, hay: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let (va, vb, vc) = (LO * u64::from(a), LO * u64::from(b), LO * u64::from(c));
    Positions {
        hay,
        at: 0,
        base: 0,
        pending: 0,
        marks: move |w: u64| zeros_exact(w ^ va) | zeros_exact(w ^ vb) | zeros_exact(w ^ vc),
        is: move |x: u8| x == a || x == b || x == c,
    }
}

/// Matches a word at a time: every match of a word comes from the one
/// read of it (a value dense in the byte, `((((`, cost a search per byte).
struct Positions<'h, M, I> {
    hay: &'h [u8],
    /// The next byte not read yet.
    at: usize,
    /// Where the word of `pending` starts.
    base: usize,
    /// Marks of that word's matches not returned yet.
    pending: u64,
    marks: M,
    is: I,
}

impl<M: Fn(u64) -> u64, I: Fn(u8) -> bool> Iterator for Positions<'_, M, I> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            if self.pending != 0 {
                let p = self.base + first(self.pending);
                // Marks are one bit per byte: clearing the lowest clears it.
                self.pending &= self.pending - 1;
                return Some(p);
            }
            if self.at + 8 <= self.hay.len() {
                self.base = self.at;
                self.pending = (self.marks)(word(self.hay, self.at));
                self.at += 8;
                continue;
            }
            while self.at < self.hay.len() {
                let b = self.hay[self.at];
                self.at += 1;
                if (self.is)(b) {
                    return Some(self.at - 1);
                }
            }
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Haystacks of every length up to 40 with the needles at every place
    /// (alone, together, repeated), and pseudo-random ones.
    fn haystacks() -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for len in 0..40 {
            out.push(vec![b'x'; len]);
            for at in 0..len {
                for (first, second) in [(b'a', None), (b'b', Some(b'c')), (0x80, Some(0xff)), (b'a', Some(b'a'))] {
                    let mut h = vec![b'x'; len];
                    h[at] = first;
                    if let Some(s) = second {
                        h[(at + 3) % len] = s;
                    }
                    out.push(h);
                }
            }
        }
        let mut seed = 0x9e37_79b9u32;
        for _ in 0..2000 {
            let len = (seed % 300) as usize;
            let h = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    // Mostly bytes near the needles, so matches and near misses
                    // (a needle's byte with its high bit flipped, 0x00, 0xff) occur.
                    [b'a', b'b', b'c', b'x', 0x00, 0xff, 0x80, 0xe1, 0x61 ^ 0x01][(seed % 9) as usize]
                })
                .collect();
            out.push(h);
        }
        out
    }

    #[test]
    fn same_answers_as_the_memchr_crate() {
        let needles = [b'a', b'b', b'c', 0x00, 0xff, 0x80];
        for h in haystacks() {
            for &a in &needles {
                assert_eq!(memchr(a, &h), memchr::memchr(a, &h), "{:?} {:?}", a, h);
                assert_eq!(memchr_iter(a, &h).collect::<Vec<_>>(), memchr::memchr_iter(a, &h).collect::<Vec<_>>());
                for &b in &needles {
                    assert_eq!(memchr2(a, b, &h), memchr::memchr2(a, b, &h), "{:?} {:?} {:?}", a, b, h);
                    assert_eq!(memchr2_iter(a, b, &h).collect::<Vec<_>>(), memchr::memchr2_iter(a, b, &h).collect::<Vec<_>>());
                    for &c in &needles {
                        assert_eq!(memchr3(a, b, c, &h), memchr::memchr3(a, b, c, &h));
                        assert_eq!(memchr3_iter(a, b, c, &h).collect::<Vec<_>>(), memchr::memchr3_iter(a, b, c, &h).collect::<Vec<_>>());
                    }
                }
            }
        }
    }
}

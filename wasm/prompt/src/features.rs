//! Hashed features: mirrors tools/prompt_injection/features.py.
//!
//! Per token `t`: the word (`"w" + t`), the pair with the next token
//! (`"b" + t + " " + next`), and the char 3-, 4- and 5-grams of `" " + t + " "`
//! (`"c" + gram`). A feature's UTF-8 bytes are hashed with FNV-1a 32 and the
//! murmur3 finaliser: the low `bits` bits pick the bucket, bit 31 the sign.

const NGRAMS: [usize; 3] = [3, 4, 5];

struct Hasher(u32);

impl Hasher {
    fn new(prefix: u8) -> Hasher {
        let mut h = Hasher(0x811C_9DC5);
        h.byte(prefix);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }

    fn bytes(&mut self, bs: &[u8]) {
        for &b in bs {
            self.byte(b);
        }
    }

    fn ch(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }

    fn snapshot(&self) -> u32 {
        Hasher(self.0).finish()
    }

    fn finish(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x85EB_CA6B);
        h ^= h >> 13;
        h = h.wrapping_mul(0xC2B2_AE35);
        h ^= h >> 16;
        h
    }
}

/// Every feature's hash, in no particular order.
pub fn hashes(tokens: &[String]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut padded: Vec<char> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let mut h = Hasher::new(b'w');
        h.bytes(t.as_bytes());
        out.push(h.finish());
        if let Some(next) = tokens.get(i + 1) {
            let mut h = Hasher::new(b'b');
            h.bytes(t.as_bytes());
            h.byte(b' ');
            h.bytes(next.as_bytes());
            out.push(h.finish());
        }
        padded.clear();
        padded.push(' ');
        padded.extend(t.chars());
        padded.push(' ');
        // One pass per start position: FNV is sequential, so the state after
        // 3 chars continues to the 4- and 5-gram (same hashes as hashing each
        // gram on its own, a third of the work).
        let (min_n, max_n) = (NGRAMS[0], NGRAMS[NGRAMS.len() - 1]);
        for start in 0..padded.len() {
            let mut h = Hasher::new(b'c');
            for (k, &c) in padded[start..].iter().take(max_n).enumerate() {
                h.ch(c);
                if k + 1 >= min_n {
                    out.push(h.snapshot());
                }
            }
        }
    }
    out
}

/// The sparse feature vector: (bucket, value) sorted by bucket, L2-normalised;
/// empty when the buckets' signed counts all cancel or there are no features.
pub fn vector(tokens: &[String], bits: u32) -> Vec<(usize, f64)> {
    let mask: u32 = if bits >= 32 { u32::MAX } else { (1u32 << bits) - 1 };
    // key = bucket * 2 + (1 if the sign is negative)
    let mut keys: Vec<u64> = hashes(tokens)
        .into_iter()
        .map(|h| u64::from(h & mask) * 2 + u64::from(h >> 31))
        .collect();
    keys.sort_unstable();
    let mut items: Vec<(usize, i64)> = Vec::new();
    let mut k = 0usize;
    while k < keys.len() {
        let bucket = keys[k] / 2;
        let mut v: i64 = 0;
        while k < keys.len() && keys[k] / 2 == bucket {
            v += if keys[k] % 2 == 1 { -1 } else { 1 };
            k += 1;
        }
        if v != 0 {
            items.push((bucket as usize, v));
        }
    }
    let sq: i64 = items.iter().fold(0i64, |acc, &(_, v)| acc.saturating_add(v.saturating_mul(v)));
    if sq == 0 {
        return Vec::new();
    }
    let norm = (sq as f64).sqrt();
    items.into_iter().map(|(i, v)| (i, v as f64 / norm)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fnv_then_fmix() {
        // FNV-1a 32 of b"wa" then fmix32, computed by hand in Python
        let mut h = Hasher::new(b'w');
        h.byte(b'a');
        let mut raw: u32 = 0x811C_9DC5;
        for b in b"wa" {
            raw = (raw ^ u32::from(*b)).wrapping_mul(0x0100_0193);
        }
        assert_eq!(h.0, raw);
    }

    #[test]
    fn vector_is_unit_and_sorted() {
        let toks: Vec<String> = ["ignore", "previous", "instructions"].iter().map(|s| s.to_string()).collect();
        let v = vector(&toks, 18);
        assert!(!v.is_empty());
        let n: f64 = v.iter().map(|(_, x)| x * x).sum();
        assert!((n - 1.0).abs() < 1e-12);
        assert!(v.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(vector(&[], 18).is_empty());
    }
}

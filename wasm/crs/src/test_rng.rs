//! A tiny deterministic generator for the crate's randomised tests (the
//! crate has no `rand`): noise biased toward an alphabet of bytes that steer
//! the code under test into its interesting branches.

pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Up to `max_len - 1` bytes; one in `raw_one_in` is any byte, the rest
    /// are drawn from `alphabet`.
    pub(crate) fn bytes(&mut self, alphabet: &[u8], max_len: u64, raw_one_in: u64) -> Vec<u8> {
        let len = (self.next() % max_len) as usize;
        (0..len)
            .map(|_| {
                let r = self.next();
                if r % raw_one_in == 0 {
                    (r >> 8) as u8
                } else {
                    alphabet[(r >> 8) as usize % alphabet.len()]
                }
            })
            .collect()
    }
}

//! Helpers shared by the integration tests: requests from JSON, and a
//! deterministic random generator.
#![allow(dead_code)]

use std::borrow::Cow;

use filter::Input;
use serde_json::Value;

/// A request's owned parts; `input()` borrows them as a `filter::Input`.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: String,
    pub cookies: String,
    pub ip: String,
    pub headers: Vec<Cow<'static, str>>,
    pub local: Vec<Cow<'static, str>>,
    pub ip_details: Vec<Cow<'static, str>>,
}

impl Request {
    /// From `{"method": ..., "headers": [[name, value], ...], ...}`.
    pub fn from_json(v: &Value) -> Request {
        let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
        let flat = |k: &str| -> Vec<Cow<'static, str>> {
            v.get(k)
                .and_then(Value::as_array)
                .map(|pairs| {
                    pairs
                        .iter()
                        .flat_map(|p| p.as_array().cloned().unwrap_or_default())
                        .map(|s| Cow::Owned(s.as_str().unwrap_or_default().to_owned()))
                        .collect()
                })
                .unwrap_or_default()
        };
        Request {
            method: text("method"),
            path: text("path"),
            query: text("query"),
            cookies: text("cookies"),
            ip: text("ip"),
            headers: flat("headers"),
            local: flat("local"),
            ip_details: flat("ip_details"),
        }
    }

    pub fn input(&self) -> Input<'_> {
        Input {
            method: &self.method,
            path: &self.path,
            query: &self.query,
            cookies: &self.cookies,
            ip: &self.ip,
            headers: &self.headers,
            local: &self.local,
            ip_details: &self.ip_details,
        }
    }
}

/// SplitMix64: small, deterministic, good enough to drive a fuzzer.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

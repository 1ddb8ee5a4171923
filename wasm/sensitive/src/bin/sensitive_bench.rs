//! Times `detect` on 1 KB of mixed prose and prints the median cost in µs
//! per KB: a dense text (thirteen entities and as many look-alikes, the
//! worst case of ordinary input) and a typical one (a support message with
//! a few entities); then the same for 64 KiB of hostile shapes, and, with
//! `--texts FILE`, over a corpus dump.
//!
//! Run from `wasm/sensitive`:
//! `RUSTC=/usr/bin/rustc cargo run --release --offline --bin sensitive_bench [-- --prose]`

use std::time::Instant;

/// About 1 KB of prose dense with entities, in several formats, next to
/// the numbers that look like them.
const DENSE: &str = "Hi team, following up on order #4839201734 from 2024-03-15: the customer, \
Jane Doe <jane.doe+billing@example.co.uk>, called from +44 20 7946 0958 and again from \
(020) 7946 0958 about invoice INV-2024-00042 (total $1,234.56). Her card 4111 1111 1111 1111 \
was declined twice; the backup card is 5555-5555-5555-4444. Our logs show requests from \
192.168.10.24 and 2001:db8:85a3::8a2e:370:7334 at 10:42:17 UTC, user agent Chrome/120.0.6099.109, \
app version 3.2.1.4-beta. Please ship to 1600 Amphitheatre Pkwy, Mountain View, CA 94043-1351, \
tracking 1Z999AA10123456784, ISBN 978-3-16-148410-0 for the manual. The German office \
(Tel. +49 (0)30 123456, Fax 030 12345679) and Paris (06 12 34 56 78) are copied, as is \
ops@acme.io; coordinates 48.8566, 2.3522. UUID 550e8400-e29b-41d4-a716-446655440000, \
timestamp 1700000000, price 1 234,50 EUR. Call 202-555-0143 or 202.555.0143 ext. 12 anytime. \
Thanks again for your patience, and sorry for the trouble!";

/// About 1 KB of a typical support message: three entities, a few numbers.
const TYPICAL: &str = "Hello, I have been trying to log in to my account since Monday morning \
and every attempt ends with an error page that says the session has expired. I cleared the \
cookies, tried two different browsers and even restarted the router, but nothing changed. \
My colleague on the same network has no problem at all, which makes me think the issue is \
tied to my profile rather than to our connection. I also noticed that the password reset \
email never arrives, even though I checked the spam folder several times. Could you please \
look into it? You can reach me at maria.gonzalez@example.com or call me on +34 612 345 678 \
any day after 3 pm. If it helps, the last time it worked was on version 5.4 of the app, \
before the update last week. Our office connects from 203.0.113.25, in case you need to check \
the logs. I would really appreciate a quick answer because I need to send two reports by \
Friday and all my files are stored there. Thank you in advance for your help, and have a \
nice day. Best regards, Maria";

fn median_us_per_kb(text: &str, rounds: usize, inner: usize) -> f64 {
    let mut samples = Vec::with_capacity(rounds);
    let mut sink = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..inner {
            sink = sink.wrapping_add(sensitive::detect(text).len());
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / inner as f64;
        samples.push(us * 1024.0 / text.len() as f64);
    }
    // Keeps the work observable so it is not optimised away.
    if sink == usize::MAX {
        println!("{sink}");
    }
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    samples.get(samples.len() / 2).copied().unwrap_or(0.0)
}

/// `--texts FILE`: the µs/KB over texts separated by NUL bytes (a corpus
/// dump), each timed whole.
fn texts(path: &str) {
    let data = match std::fs::read_to_string(path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return;
        }
    };
    let texts: Vec<&str> = data.split('\0').filter(|t| !t.is_empty()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let mut n = 0;
        for text in &texts {
            n += sensitive::detect(text).len();
        }
        let us = t.elapsed().as_secs_f64() * 1e6;
        best = best.min(us);
        if n == usize::MAX {
            println!("{n}");
        }
    }
    println!("{} texts, {} bytes: {:.2} µs/KB (best of 5)", texts.len(), bytes, best * 1024.0 / bytes as f64);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--texts") {
        if let Some(path) = args.get(k + 1) {
            texts(path);
        }
        return;
    }
    for (name, text) in [("dense", DENSE), ("typical", TYPICAL)] {
        println!(
            "detect, 1 KB {name} prose ({} bytes, {} entities): {:.2} µs/KB (median of 51)",
            text.len(),
            sensitive::detect(text).len(),
            median_us_per_kb(text, 51, 200)
        );
    }
    // `--prose` stops here (for profiling the common case alone).
    if args.iter().any(|a| a == "--prose") {
        return;
    }
    let hostile: [(&str, String); 6] = [
        ("64 KiB of '@'", "@".repeat(65536)),
        ("64 KiB of '.'", ".".repeat(65536)),
        ("64 KiB of ':'", ":".repeat(65536)),
        ("64 KiB of digits", "7".repeat(65536)),
        ("64 KiB of '1 '", "1 ".repeat(32768)),
        ("64 KiB of 'a@b.co '", "a@b.co 1.2.3.4 ".repeat(65536 / 15)),
    ];
    for (name, text) in &hostile {
        println!("detect, {name}: {:.2} µs/KB (median of 11)", median_us_per_kb(text, 11, 3));
    }
}

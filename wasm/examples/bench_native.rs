//! Native timing of the detector's parts (a development aid, not a test).
use std::time::Instant;

fn bb<T>(x: T) -> T {
    let y = unsafe { std::ptr::read_volatile(&x) };
    std::mem::forget(x);
    y
}

fn main() {
    let d = arcjet_analyzer::bots::Detector::new();
    let uas: [&[u8]; 3] = [
        b"x",
        b"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        b"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ];
    for ua in uas {
        let n = 200_000;
        let t = Instant::now();
        for _ in 0..n {
            bb(d.detect(bb(ua)));
        }
        println!("detect {:>4} bytes: {:.3} us", ua.len(), t.elapsed().as_secs_f64() * 1e6 / n as f64);
    }
}

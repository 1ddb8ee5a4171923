//! JSON lines in, JSON lines out: `{"text": ...}` -> `{"score": .., "injection": ..}`.
//!
//!     prompt_scan [--threshold T] [--debug] < in.jsonl > out.jsonl
//!
//! Used by the training/evaluation scripts and the parity tests. A line that
//! is not valid UTF-8 is read lossily; a line that is not a JSON object with a
//! string `text` gets `{"error": ...}` and the scan goes on. `score64` is the
//! score before rounding to f32; `--debug` adds the tokens and payloads.

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Value};

fn main() {
    let mut threshold = prompt::DEFAULT_THRESHOLD;
    let mut debug = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--debug" => debug = true,
            "--threshold" => {
                threshold = args.next().and_then(|t| t.parse().ok()).unwrap_or(threshold);
            }
            _ => {
                eprintln!("usage: prompt_scan [--threshold T] [--debug] < jsonl");
                std::process::exit(2);
            }
        }
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("prompt_scan: {}", e);
                std::process::exit(1);
            }
        }
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        let reply = match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(obj)) => match obj.get("text") {
                Some(Value::String(t)) => {
                    let score = prompt::score(t);
                    let v = prompt::classify_with(t, threshold);
                    let mut r = json!({"score": v.score, "injection": v.injection, "score64": score});
                    if debug {
                        r["tokens"] = json!(prompt::tokens(t));
                        r["payloads"] = json!(prompt::payloads(t));
                    }
                    r
                }
                _ => json!({"error": "no string field \"text\""}),
            },
            Ok(_) => json!({"error": "not a JSON object"}),
            Err(e) => json!({"error": e.to_string()}),
        };
        // flushed per line: a caller may hold the process open and wait for
        // each reply (the tests do)
        if writeln!(out, "{}", reply).is_err() || out.flush().is_err() {
            std::process::exit(1);
        }
    }
    if out.flush().is_err() {
        std::process::exit(1);
    }
}

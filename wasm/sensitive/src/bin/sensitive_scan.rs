//! Reads JSON lines `{"text": "..."}` on stdin and writes, per line,
//! `{"entities": [["EMAIL", start, end], ...]}` (code point offsets). A line
//! that is not such an object gets `{"error": "..."}`, so output lines stay
//! aligned with input lines. Used by `benchmarks/sensitive_info_corpus.py`.

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Value};

fn answer(line: &str) -> Value {
    let parsed: Result<Value, _> = serde_json::from_str(line);
    match parsed.as_ref().ok().and_then(|v| v.get("text")).and_then(Value::as_str) {
        Some(text) => {
            let found: Vec<Value> =
                sensitive::detect(text).iter().map(|e| json!([e.kind.as_str(), e.start, e.end])).collect();
            json!({ "entities": found })
        }
        None => json!({ "error": "expected a JSON object with a string \"text\"" }),
    }
}

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        writeln!(out, "{}", answer(&line))?;
    }
    out.flush()
}

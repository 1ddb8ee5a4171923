//! Native timing of the analyzer's parts (a development aid, not a test).
use std::time::Instant;

fn time<F: FnMut()>(label: &str, mut f: F) {
    let n = 200_000;
    for _ in 0..1000 {
        f();
    }
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    println!("{:<40} {:.3} us", label, t.elapsed().as_secs_f64() * 1e6 / n as f64);
}

fn main() {
    let d = arcjet_analyzer::bots::Detector::new();
    let chrome: &[u8] = b"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    time("detect chrome", || {
        let _ = d.detect(chrome);
    });
    time("email", || {
        let _ = arcjet_analyzer::email::validate(
            "jane.doe@example.com",
            arcjet_analyzer::email::Options { require_top_level_domain: true, allow_domain_literal: false },
        );
    });
    let mut an = arcjet_analyzer::Analyzer::new();
    let mut out = Vec::new();
    let cfg = br#"{"rules":[{"kind":"BOT","index":0,"allow":[]},{"kind":"EMAIL","index":1,"require_top_level_domain":true,"allow_domain_literal":false,"deny":["INVALID"],"allow":[]}]}"#;
    arcjet_analyzer::configure_json(&mut an, cfg, &mut out);
    let empty = br#"{"rules":[]}"#;
    arcjet_analyzer::configure_json(&mut an, empty, &mut out);
    let req = br#"["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36","203.0.113.7","jane.doe@example.com","","","","",null,null]"#;
    time("analyze_json bot+email", || arcjet_analyzer::analyze_json(&mut an, 0, req, &mut out));
    time("analyze_json no rules (parse only)", || arcjet_analyzer::analyze_json(&mut an, 1, req, &mut out));
    let shield_cfg = br#"{"rules":[{"kind":"SHIELD","index":0}]}"#;
    arcjet_analyzer::configure_json(&mut an, shield_cfg, &mut out);
    let body: Vec<u8> = (0..21).map(|i| format!("field{}=some+value+number+{}+with%40symbols&", i, i)).collect::<String>().into_bytes();
    let mut form = format!(
        r#"["Mozilla/5.0","203.0.113.7",null,"POST","/signup","next=%2Fhome","session=abc123; theme=dark",["host","example.com","user-agent","Mozilla/5.0 (X11; Linux x86_64)","content-type","application/x-www-form-urlencoded","accept","text/html","referer","https://example.com/signup"],{}]"#,
        body.len()
    )
    .into_bytes();
    form.extend_from_slice(&body);
    time("analyze_json shield, 1 KB form", || arcjet_analyzer::analyze_json(&mut an, 2, &form, &mut out));
}

"""Shield: detection, false positives and cost, through the real analyzer.

    python benchmarks/shield.py [--peer-python PATH] [--peer-step N] [--speed] [--no-modsec]

Prints, in one run:
- per libinjection file and per category (SQLi, XSS): the share of lines
  triggered (any finding), flagged (Medium or High) and denied (High), each
  line sent as a query argument through protect() (shield() alone, a fresh
  client IP per line so suspicion never interferes);
- the false-positive rate (denied) of the benign corpora, per file;
- µs per protect() for a typical ~1 KB form post (23 fields, 9 headers, 3
  cookies): shield() alone, shield + detect_bot + token_bucket, and
  token_bucket alone (the pipeline shield runs in) on the memory store,
  medians over rotated batches. "one field new" varies one field per call, so
  every call crosses into Wasm while the other values repeat (a client
  posting again); "every value new" varies every field and the session
  cookie; "new client" does too, from a new global client IP each time
  (half IPv4, half IPv6, 65,536 of them: more than any cache holds), so nothing
  repeats and the IP is resolved and fingerprinted afresh; "repeat" sends
  the same request (answered from the memo of request bytes). A "desktop"
  column scales by the reference loop. shield() alone also on a GET with
  cookies (a logged-in page view: query, 7 headers, 6 cookies), new client;
- the peer, side by side: ModSecurity v3 + the OWASP CRS 4 at PL1 (the same
  CRS the analyzer compiles in, ../shared/data/crs; SecRuleEngine On; see
  benchmarks/_modsec.py), through the PyPI package `libmodsecurity` in this
  process: every corpus line (denied = a disruptive intervention), the
  false-positive rate, and µs per request on the same form post and GET
  with cookies, measured interleaved with shield() (new client) so the
  ratio holds under load. Each request reaches it as a server would pass it:
  with Host, User-Agent and Accept headers, GET when it has no body, a
  Content-Length when it has one;
- optionally lewaf (a SecLang engine) with the OWASP CRS from Debian's
  modsecurity-crs package (/usr/share/modsecurity-crs, CRS 3.3). lewaf needs
  Python >= 3.12, so it runs in a worker process of another interpreter:
  --peer-python (or $LEWAF_PYTHON), e.g. a venv made with `python3.12 -m venv`
  + `pip install lewaf`. It takes milliseconds per request, so it sees every
  --peer-step'th line (default 10); our rates on that same sample are
  printed next to it.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._machine import machine_line  # noqa: E402
from benchmarks._timing import interleaved_us  # noqa: E402
from tests.shield import corpus  # noqa: E402  (stdlib only: importable by the peer worker too)

CRS_SETUP = "/etc/modsecurity/crs/crs-setup.conf"
CRS_RULES = "/usr/share/modsecurity-crs/rules/REQUEST-9*.conf"
UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
RANK = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}


def form_post(i: int | None = None, *, fresh: bool = False) -> dict[str, Any]:
    """A typical ~1 KB form post; `i` varies one field so request bytes differ.

    With `fresh`, `i` also goes into every field value and the session
    cookie: values the analyzer's memo of seen values cannot know (only the
    headers repeat, when the same client sends it).
    """
    fields = [
        ("first_name", "Mary"), ("last_name", "O'Brien"), ("email", "mary.obrien@example.com"),
        ("phone", "+1 (555) 010-2233"), ("company", "Acme & Sons, Ltd."), ("street", "42 Union Street, Apt. 3"),
        ("city", "Zürich"), ("zip", "8001"), ("country", "CH"), ("plan", "pro"), ("seats", "12"),
        ("referral", "https://example.org/blog/why-we-switched?utm_source=newsletter"),
        ("newsletter", "on"), ("terms", "on"), ("lang", "en-US"), ("tz", "Europe/Zurich"),
        ("coupon", "SPRING-2024"), ("website", "https://mary.example.com/"),
        ("bio", "I select the best tools, drop what doesn't work and join teams that ship. "
                "Previously: data engineering (SQL, Python), some C and shell scripts; "
                "I wrote a guide titled \"Union of sets in practice\" & spoke at PyCon."),
        ("message", "Hello! We're a team of 12 moving off spreadsheets; could you tell me whether "
                    "the pro plan includes SSO, audit logs and an EU data region? Thanks, Mary"),
        ("how_heard", "A colleague at a meetup mentioned you; then I read the docs."),
        ("csrf", "9f2c1e0b7a6d4c3b8e1f0a9d2c7b6e5f"), ("nonce", str(i) if i is not None else "0"),
    ]
    from urllib.parse import urlencode
    if fresh:
        fields = [(k, f"{v}{i}") for k, v in fields]
    body = urlencode(fields).encode()
    return {
        "method": "POST", "path": "/signup", "query": "step=2",
        "headers": [("host", "example.com"), ("user-agent", UA), ("content-type", "application/x-www-form-urlencoded"),
                    ("content-length", str(len(body))), ("accept", "text/html,application/xhtml+xml"),
                    ("accept-language", "en-US,en;q=0.9"), ("origin", "https://example.com"),
                    ("referer", "https://example.com/signup?step=1"),
                    ("cookie", f"session=6b1f0e9c2d{i if fresh else ''}; theme=dark; consent=yes")],
        "body": body,
    }


def get_with_cookies(i: int | None = None, *, fresh: bool = False) -> dict[str, Any]:
    """A logged-in page view: a GET with a query, 7 headers and 6 cookies; with
    `fresh`, `i` goes into the query and the session cookies."""
    v = str(i) if fresh else ""
    return {
        "method": "GET", "path": "/account/orders", "query": f"page=2&sort=date&q=winter+boots{v}",
        "headers": [("host", "example.com"), ("user-agent", UA), ("accept", "text/html,application/xhtml+xml"),
                    ("accept-language", "en-US,en;q=0.9"), ("accept-encoding", "gzip, deflate, br"),
                    ("referer", "https://example.com/account"),
                    ("cookie", f"session=6b1f0e9c2d4a8f7e{v}; csrftoken=Qx7pL2vN9mR4tY8wZ1aB3cD5eF6gH0jK{v}; "
                               "_ga=GA1.2.1234567890.1700000000; theme=dark; consent=yes; cart=3")],
    }


def median_us(fn: Callable[[int], object], batch: int = 500, runs: int = 41) -> float:
    for i in range(batch):
        fn(i)
    per_run = []
    n = 0
    for _ in range(runs):
        t = time.perf_counter()
        for _ in range(batch):
            fn(n)
            n += 1
        per_run.append((time.perf_counter() - t) / batch * 1e6)
    return statistics.median(per_run)


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:6.2f}%" if b else "   n/a"


# ------------------------------------------------------------------- ours


# Per corpus file (or benign source): (lines, denied).
Results = dict[str, tuple[int, int]]


def ours(peer_step: int) -> tuple[Results, Results]:
    """Our detection and false positives; returns them per file for the peer's table."""
    from arcjet_core import arcjet_sync, shield
    from arcjet_core.analyze import Ruleset
    from arcjet_core.context import raw_from_request
    from tests.shield.helpers import fresh_ip

    # The bridge, for severities (protect() reports categories and conclusion only).
    rs = Ruleset.from_rules([shield()])

    def severities(req: dict[str, Any]) -> dict[str, str]:
        ip = fresh_ip()
        ctx = raw_from_request({**req, "ip": ip}, need_body=True).to_context(ip)
        sev = rs.analyze(ctx, email=None).outcomes[0].reason["severities"]
        assert isinstance(sev, dict)
        return sev

    aj = arcjet_sync(key="bench", rules=[shield(threshold=1_000_000)], environment="development")
    print("== arcjet-local shield (analyzer in Wasm), each line as a query argument through protect()")
    print(f"{'file':52} {'lines':>6} {'trigger':>8} {'flagged':>8} {'denied':>8}   sample 1/{peer_step}: denied")
    totals: dict[str, list[int]] = {}
    sample: dict[str, list[int]] = {}
    attack_results: Results = {}
    for prefix, cat in (("sqli-", "SQLi"), ("xss-", "XSS")):
        for path in corpus.corpus_files(corpus.libinjection_dir(), prefix):
            t = trig = flag = den = s_t = s_d = 0
            for k, line in enumerate(corpus.lines(path)):
                req = corpus.request("query", corpus.url_decode(line))
                denied = aj.protect({**req, "ip": fresh_ip()}).conclusion.value == "DENY"
                sev = severities(req)
                t += 1
                trig += bool(sev)
                flag += any(RANK[s] >= 2 for s in sev.values())
                den += denied
                if k % peer_step == 0:
                    s_t += 1
                    s_d += denied
            print(f"{path.name:52} {t:6} {pct(trig, t)} {pct(flag, t)} {pct(den, t)}   {pct(s_d, s_t)}")
            attack_results[path.name] = (t, den)
            acc = totals.setdefault(cat, [0, 0, 0, 0])
            for j, v in enumerate((t, trig, flag, den)):
                acc[j] += v
            sacc = sample.setdefault(cat, [0, 0])
            sacc[0] += s_t
            sacc[1] += s_d
    for cat, (t, trig, flag, den) in totals.items():
        print(f"{'ALL ' + cat:52} {t:6} {pct(trig, t)} {pct(flag, t)} {pct(den, t)}   {pct(sample[cat][1], sample[cat][0])}")

    print("\n-- false positives (benign corpora, as a query argument)")
    print(f"{'file':52} {'inputs':>6} {'denied':>8} {'any':>8}   sample 1/{peer_step}: denied")
    by_file: dict[str, list[int]] = {}
    for k, (source, value) in enumerate(corpus.benign_inputs()):
        req = corpus.request("query", value)
        denied = aj.protect({**req, "ip": fresh_ip()}).conclusion.value == "DENY"
        acc = by_file.setdefault(source, [0, 0, 0, 0, 0])
        acc[0] += 1
        acc[1] += denied
        acc[2] += bool(severities(req))
        if k % peer_step == 0:
            acc[3] += 1
            acc[4] += denied
    all_acc = [sum(v[j] for v in by_file.values()) for j in range(5)]
    for source, (n, d, a, sn, sd) in [*by_file.items(), ("ALL benign", all_acc)]:
        print(f"{source:52} {n:6} {pct(d, n)} {pct(a, n)}   {pct(sd, sn)}")
    aj.close()
    return attack_results, {source: (v[0], v[1]) for source, v in by_file.items()}


def protecting(client: Any, request: Callable[[int], dict[str, Any]]) -> Callable[[], object]:
    """protect() of request(0), request(1), ... on successive calls."""
    counter = itertools.count()
    return lambda: client.protect(request(next(counter)))


def speed(modsec: Any = None) -> None:
    """Our µs per protect(); with `modsec` (a _modsec.ModSec), its µs on the same requests."""
    from arcjet_core import arcjet_sync, detect_bot, shield, token_bucket

    print("\n-- µs per protect(), typical form post "
          f"({len(form_post()['body'])} B body, {len(form_post()['headers'])} headers), median of 41 rotations")
    print("   one field new: the same client posts again (one field and the request bytes differ; the other values")
    print("     repeat, and the analyzer's memo of the client's values answers for them); every value new: every")
    print("     field and the session cookie differ; new client: the same, from a global client IP never seen before")
    print("     (half IPv4, half IPv6; nothing repeats); repeat: the same request (answered from the memo of request")
    print("     bytes, no Wasm call). GET with cookies: a logged-in page view (query, 7 headers, 6 cookies),")
    print("     every value new, from a new client.")
    print("     'desktop' scales by the reference loop (≈8 µs on a desktop core).")
    configs: dict[str, list[Any]] = {
        "shield()": [shield()],
        # The OWASP CRS (opt-in): what issue #16's speed target is about.
        "shield(paranoia_level=1)": [shield(paranoia_level=1)],
        "shield + detect_bot + token_bucket": [shield(), detect_bot(allow=[]),
                                               token_bucket(refill_rate=1_000_000_000, interval=1, capacity=1_000_000_000)],
        "token_bucket alone (no shield)": [
            token_bucket(refill_rate=1_000_000_000, interval=1, capacity=1_000_000_000)],
    }
    base = form_post()
    ip = "203.0.113.9"
    bodies = [form_post(i)["body"] for i in range(4096)]
    fresh = [{**form_post(i, fresh=True), "ip": ip} for i in range(4096)]
    # A new client each time: the analyzer's memo is per client, so not even
    # the headers repeat, and the IP is resolved and fingerprinted afresh.
    # Global addresses, half IPv4 and half IPv6, as real clients have (a
    # documentation address takes the development-only path), and more of
    # them than any cache holds (8192), so none was seen before.
    new_client = [form_post(i, fresh=True) for i in range(4096)]
    client_ips = [f"{11 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}.7" if i % 2 else f"2a02:{i:x}::7" for i in range(65536)]
    rows: dict[str, Callable[[], object]] = {"reference loop sum(range(1000))": lambda: sum(range(1000))}
    clients = []
    for name, rules in configs.items():
        client = arcjet_sync(key=f"bench-{len(rules)}", rules=rules, environment="development")
        clients.append(client)
        assert client.protect({**base, "ip": ip}).conclusion.value == "ALLOW", "the typical form must pass"
        assert client.protect(fresh[1]).conclusion.value == "ALLOW", "the fresh form must pass"
        rows[f"{name}, one field new"] = protecting(client, lambda i: {**base, "ip": ip, "body": bodies[i & 4095]})
        if "token_bucket alone" not in name:
            rows[f"{name}, every value new"] = protecting(client, lambda i: fresh[i & 4095])
        rows[f"{name}, new client"] = protecting(client, lambda i: {**new_client[i & 4095], "ip": client_ips[i & 65535]})
        if "token_bucket alone" not in name:
            rows[f"{name}, repeat"] = protecting(client, lambda i: {**base, "ip": ip})
    shield_alone = clients[0]
    gets = [get_with_cookies(i, fresh=True) for i in range(4096)]
    assert shield_alone.protect({**gets[0], "ip": ip}).conclusion.value == "ALLOW", "the GET must pass"
    # Each row on this client takes its addresses from its own quarter of
    # client_ips, so no row meets an address another row sent.
    rows["shield(), GET with cookies, new client"] = protecting(
        shield_alone, lambda i: {**gets[i & 4095], "ip": client_ips[(i & 16383) + 16384]})
    timings = dict(zip(rows, interleaved_us(list(rows.values()), n=300, repeats=41), strict=True))
    scale = 8.0 / timings["reference loop sum(range(1000))"]
    print(f"{'':56} {'here':>8}    {'desktop':>8}")
    for label, us in timings.items():
        print(f"{label:56} {us:8.1f} µs {us * scale:8.1f} µs")
    if modsec is not None:
        versus_modsec(modsec, clients[1], new_client, gets, client_ips)
    for c in clients:
        c.close()


def versus_modsec(modsec: Any, client: Any, forms: list[dict[str, Any]], gets: list[dict[str, Any]],
                  client_ips: list[str]) -> None:
    """shield(paranoia_level=1) (new client) and ModSecurity + the same CRS at PL1 on the same requests,
    measured interleaved."""
    from benchmarks._modsec import quiet_stderr

    n, repeats = 20, 21  # ModSecurity takes milliseconds: fewer calls per row than above
    form_args = [modsec_args(r) for r in forms]
    get_args = [modsec_args(r) for r in gets]
    for label, args in (("form post", form_args[0]), ("GET with cookies", get_args[0])):
        if modsec.evaluate(*args).denied:
            print(f"   note: ModSecurity denies the {label}")
    rows = {
        "form post": (protecting(client, lambda i: {**forms[i & 4095], "ip": client_ips[(i & 16383) + 32768]}),
                      evaluating(modsec, form_args)),
        "GET with cookies": (protecting(client, lambda i: {**gets[i & 4095], "ip": client_ips[(i & 16383) + 49152]}),
                             evaluating(modsec, get_args)),
    }
    with quiet_stderr():
        times = interleaved_us([fn for pair in rows.values() for fn in pair], n=n, repeats=repeats)
    print(f"\n-- vs ModSecurity v3 + CRS 4 (PL1, On), the same requests (every value new), "
          f"median of {repeats} rotations of {n}")
    print(f"{'':32} {'shield(PL1), new client':>24} {'ModSecurity':>14} {'ratio':>8}")
    for k, label in enumerate(rows):
        ours_us, theirs_us = times[2 * k], times[2 * k + 1]
        print(f"{label:32} {ours_us:19.1f} µs {theirs_us:11.0f} µs {theirs_us / ours_us:7.1f}x")


def evaluating(modsec: Any, args: list[tuple[Any, ...]]) -> Callable[[], object]:
    counter = itertools.count()
    return lambda: modsec.evaluate(*args[next(counter) % len(args)])


def modsec_args(req: dict[str, Any]) -> tuple[bytes, bytes, bytes, list[tuple[bytes, bytes]], bytes | None]:
    """A plain-mapping request as a server hands it to ModSecurity (see the module docstring)."""
    body = req.get("body")
    uri = req["path"] + ("?" + req["query"] if req.get("query") else "")
    pairs = req["headers"].items() if isinstance(req["headers"], dict) else req["headers"]
    headers = {"host": "example.com", "user-agent": UA, "accept": "text/html"}
    headers.update((k.lower(), v) for k, v in pairs)
    if body is not None:
        headers["content-length"] = str(len(body))
    method = req["method"] if body is not None else "GET"
    return (method.encode(), uri.encode("utf-8", "surrogateescape"), b"HTTP/1.1",
            [(k.encode(), v.encode("utf-8", "surrogateescape")) for k, v in headers.items()], body)


def modsec_peer(ours_attacks: Results, ours_benign: Results) -> Any:
    """ModSecurity + CRS 4 at PL1 on every corpus line; returns the engine (None when unavailable)."""
    from benchmarks._modsec import ModSec, ModSecUnavailable, quiet_stderr

    try:
        modsec = ModSec(paranoia_level=1)
    except ModSecUnavailable as exc:
        print(f"\n== ModSecurity + CRS 4: not run: {exc}")
        return None
    print(f"\n== {modsec.version} + OWASP CRS 4 (PL1, SecRuleEngine On), every line as a query argument")
    start = time.perf_counter()
    print(f"{'file':52} {'lines':>6} {'ModSec':>8} {'ours':>8}   (denied)")
    cats: dict[str, list[int]] = {}
    with quiet_stderr():
        for prefix, cat in (("sqli-", "SQLi"), ("xss-", "XSS")):
            for path in corpus.corpus_files(corpus.libinjection_dir(), prefix):
                denied = sum(modsec.evaluate(*modsec_args(corpus.request("query", corpus.url_decode(x)))).denied
                             for x in corpus.lines(path))
                n, ours_denied = ours_attacks.get(path.name, (0, 0))
                print(f"{path.name:52} {n:6} {pct(denied, n)} {pct(ours_denied, n)}")
                acc = cats.setdefault(cat, [0, 0, 0])
                for j, v in enumerate((n, denied, ours_denied)):
                    acc[j] += v
        for cat, (n, d, o) in cats.items():
            print(f"{'ALL ' + cat:52} {n:6} {pct(d, n)} {pct(o, n)}")
        print("-- false positives (benign corpora, as a query argument)")
        benign: dict[str, list[int]] = {}
        for source, value in corpus.benign_inputs():
            acc = benign.setdefault(source, [0, 0])
            acc[0] += 1
            acc[1] += modsec.evaluate(*modsec_args(corpus.request("query", value))).denied
    totals = [0, 0, 0]
    for source, (n, d) in benign.items():
        o = ours_benign.get(source, (0, 0))[1]
        print(f"{source:52} {n:6} {pct(d, n)} {pct(o, n)}")
        totals = [totals[0] + n, totals[1] + d, totals[2] + o]
    print(f"{'ALL benign':52} {totals[0]:6} {pct(totals[1], totals[0])} {pct(totals[2], totals[0])}")
    print(f"   ({time.perf_counter() - start:.0f} s for ModSecurity's side)")
    return modsec


# ------------------------------------------------------------------- peer


def lewaf_worker(step: int) -> None:
    """Runs under the peer's interpreter; prints one JSON object."""
    import logging

    logging.disable(logging.CRITICAL)
    from lewaf import WAF

    base = {"rules": ["SecRuleEngine On", "SecRequestBodyAccess On"]}
    good: list[str] = []
    skipped: list[str] = []
    for f in sorted(glob.glob(CRS_RULES)):
        try:
            WAF({**base, "rule_files": [CRS_SETUP, *good, f]})
            good.append(f)
        except Exception as exc:  # a CRS 3.3 file lewaf's parser refuses
            skipped.append(f"{Path(f).name}: {str(exc)[:80]}")
    waf = WAF({**base, "rule_files": [CRS_SETUP, *good]})

    def blocked(req: dict[str, Any]) -> bool:
        tx = waf.new_transaction()
        uri = req["path"] + ("?" + req["query"] if req.get("query") else "")
        body = req.get("body")
        tx.process_uri(uri, req["method"] if body is not None else "GET")
        headers = {"host": "example.com", "user-agent": UA, "accept": "text/html"}
        pairs = req["headers"].items() if isinstance(req["headers"], dict) else req["headers"]
        headers.update({k: v for k, v in pairs})
        if body is not None:
            headers["content-length"] = str(len(body))
        tx.add_request_headers(headers)
        if tx.process_request_headers():
            return True
        if body is not None:
            tx.add_request_body(body, headers.get("content-type", ""))
        return bool(tx.process_request_body())

    files: dict[str, list[int]] = {}
    for prefix in ("sqli-", "xss-"):
        for path in corpus.corpus_files(corpus.libinjection_dir(), prefix):
            lines = corpus.lines(path)[::step]
            files[path.name] = [len(lines), sum(blocked(corpus.request("query", corpus.url_decode(x))) for x in lines)]
    benign: dict[str, list[int]] = {}
    for k, (source, value) in enumerate(corpus.benign_inputs()):
        if k % step == 0:
            acc = benign.setdefault(source, [0, 0])
            acc[0] += 1
            acc[1] += blocked(corpus.request("query", value))
    base_req = form_post()
    base_req["headers"] = [(k, v) for k, v in base_req["headers"] if k != "content-length"]
    clean_blocked = blocked(base_req)
    us = median_us(lambda i: blocked({**base_req, "body": form_post(i)["body"]}), batch=20, runs=15)
    print(json.dumps({"rules_loaded": len(good), "skipped": skipped, "files": files, "benign": benign,
                      "form_us": us, "form_blocked": clean_blocked}))


def peer(python: str, step: int) -> None:
    print(f"\n== lewaf + OWASP CRS 3.3 (Debian modsecurity-crs), every {step}th line, via {python}")
    if not Path(CRS_SETUP).exists():
        print("   not run: /etc/modsecurity/crs/crs-setup.conf missing (apt-get install modsecurity-crs)")
        return
    proc = subprocess.run([python, __file__, "--lewaf-worker", "--peer-step", str(step)],
                          capture_output=True, text=True, timeout=3600, check=False)
    if proc.returncode != 0:
        print("   not run:", (proc.stderr.strip().splitlines() or ["?"])[-1])
        return
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"   CRS files loaded: {out['rules_loaded']}; skipped (parse errors): {len(out['skipped'])}")
    for s in out["skipped"]:
        print(f"     {s}")
    print(f"{'file':52} {'lines':>6} {'denied':>8}")
    cats: dict[str, list[int]] = {}
    for name, (n, d) in out["files"].items():
        print(f"{name:52} {n:6} {pct(d, n)}")
        acc = cats.setdefault("SQLi" if name.startswith("sqli-") else "XSS", [0, 0])
        acc[0] += n
        acc[1] += d
    for cat, (n, d) in cats.items():
        print(f"{'ALL ' + cat:52} {n:6} {pct(d, n)}")
    print("-- false positives")
    tn = td = 0
    for name, (n, d) in out["benign"].items():
        print(f"{name:52} {n:6} {pct(d, n)}")
        tn += n
        td += d
    print(f"{'ALL benign':52} {tn:6} {pct(td, tn)}")
    print(f"-- typical form post: {out['form_us']:.0f} µs per request (blocked: {out['form_blocked']})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer-python", default=os.environ.get("LEWAF_PYTHON"))
    ap.add_argument("--peer-step", type=int, default=10)
    ap.add_argument("--speed", action="store_true", help="only the µs per request section")
    ap.add_argument("--no-modsec", action="store_true", help="leave ModSecurity out")
    ap.add_argument("--lewaf-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.lewaf_worker:
        lewaf_worker(args.peer_step)
        return
    print(machine_line())
    if args.speed:
        speed(None if args.no_modsec else speed_peer())
        return
    attacks, benign = ours(args.peer_step)
    modsec = None if args.no_modsec else modsec_peer(attacks, benign)
    speed(modsec)
    if args.peer_python:
        peer(args.peer_python, args.peer_step)
    else:
        try:
            import lewaf  # noqa: F401
        except ImportError:
            print("\n== lewaf: not installed here (needs Python >= 3.12); pass --peer-python or set LEWAF_PYTHON")
        else:
            peer(sys.executable, args.peer_step)


def speed_peer() -> Any:
    from benchmarks._modsec import ModSec, ModSecUnavailable

    try:
        return ModSec(paranoia_level=1)
    except ModSecUnavailable as exc:
        print(f"== ModSecurity + CRS 4: not run: {exc}")
        return None

if __name__ == "__main__":
    main()

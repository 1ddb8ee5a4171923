"""Checks `vars_cases.json` against ModSecurity itself, or rewrites it.

The expectations in `vars_cases.json` (read by `tests/vars.rs`) are what
libmodsecurity 3.0.15 (PyPI `libmodsecurity`, the peer in
`benchmarks/shield.py`) sets for each request: this script runs every case
through it with the request-body settings of `modsecurity.conf-recommended`
and reads each variable back from its debug log.

    .venv/bin/python wasm/crs/tests/vars_oracle.py          # check
    .venv/bin/python wasm/crs/tests/vars_oracle.py --write  # regenerate

The debug log shows at most 40 bytes of a value (hex-encoded), so longer
values are recorded as {"prefix", "len"}. Names are read from log lines, so a
name holding CR or LF cannot be checked here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

CASES = Path(__file__).with_name("vars_cases.json")

CONFIG = r"""
SecRuleEngine On
SecRequestBodyAccess On
SecDebugLog {log}
SecDebugLogLevel 9
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyJsonDepthLimit 512
SecArgumentsLimit 1000
SecRule REQUEST_HEADERS:Content-Type "^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRule REQUEST_HEADERS:Content-Type "^application/[a-z0-9.-]+[+]json" "id:200006,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
"""

# Each variable is read by two rules: one logging the value hex-encoded
# (shown up to 40 bytes), one its length.
TARGET = re.compile(
    r'Target value: "([0-9a-f]*)(?: \(\d+ characters omitted\))?" \(Variable: (.*)\)$'
)
RULE = re.compile(r"\(Rule: (\d+)\) Executing operator")


_engines: dict[tuple[str, ...], tuple[Any, Any]] = {}


def load_engine(variables: list[str], log: str) -> tuple[Any, Any]:
    from libmodsecurity import ModSecurity, RulesSet

    cached = _engines.get(tuple(variables))
    if cached:
        return cached

    rules = [CONFIG.format(log=log)]
    for i, var in enumerate(variables):
        target = "XML:/*|XML://@*" if var == "XML" else var
        rules.append(
            f'SecRule {target} "@unconditionalMatch" "id:{1000 + 2 * i},phase:2,pass,nolog,t:none,t:hexEncode"'
        )
        rules.append(
            f'SecRule {target} "@unconditionalMatch" "id:{1001 + 2 * i},phase:2,pass,nolog,t:none,t:length,t:hexEncode"'
        )
    ms, rs = ModSecurity(), RulesSet()
    if rs.load("\n".join(rules)) < 0:
        raise RuntimeError(rs.get_parser_error())
    _engines[tuple(variables)] = (ms, rs)
    return ms, rs


def latin1(b: bytes) -> str:
    return b.decode("latin-1")


def run_case(case: dict[str, Any], variables: list[str], log: Path) -> dict[str, Any]:
    from libmodsecurity import Transaction

    ms, rs = load_engine(variables, str(log))
    log.write_bytes(b"")
    t = Transaction(ms, rs)
    t.process_connection("192.0.2.1", 1234, "127.0.0.1", 80)
    t.process_uri(
        case["uri"], case["method"], case.get("protocol", "HTTP/1.1").removeprefix("HTTP/")
    )
    for header, value in case["headers"]:
        t.add_request_header(header, value)
    t.process_request_headers()
    body = (
        bytes.fromhex(case["body_hex"])
        if "body_hex" in case
        else case.get("body", "").encode("latin-1")
    )
    if body:
        t.append_request_body(body)
    t.process_request_body()
    seen: dict[int, list[tuple[str, bytes]]] = {}
    current = -1
    for line in log.read_bytes().decode("latin-1").split("\n"):
        rule = RULE.search(line)
        if rule:
            current = int(rule.group(1)) - 1000
            seen.setdefault(current, [])
            continue
        target = TARGET.search(line)
        if target and current >= 0:
            seen[current].append((target.group(2), bytes.fromhex(target.group(1))))
    out: dict[str, Any] = {}
    for i, var in enumerate(variables):
        members: list[Any] = []
        shown, lengths = seen.get(2 * i, []), seen.get(2 * i + 1, [])
        for (name, prefix), (_, length) in zip(shown, lengths, strict=True):
            size = int(length.decode() or "0")
            member: Any = (
                latin1(prefix) if len(prefix) == size else {"prefix": latin1(prefix), "len": size}
            )
            members.append([name.split(":", 1)[1], member] if collection(var) else member)
        out[var] = members if collection(var) else (members[0] if members else None)
    return out


def collection(var: str) -> bool:
    return var in {
        "ARGS",
        "ARGS_GET",
        "ARGS_POST",
        "ARGS_NAMES",
        "ARGS_GET_NAMES",
        "ARGS_POST_NAMES",
        "REQUEST_HEADERS",
        "REQUEST_HEADERS_NAMES",
        "REQUEST_COOKIES",
        "REQUEST_COOKIES_NAMES",
        "FILES",
        "FILES_NAMES",
        "FILES_SIZES",
        "MULTIPART_PART_HEADERS",
        "XML",
    }


def canonical(v: Any) -> Any:
    if isinstance(v, list):
        return sorted(json.dumps(x, sort_keys=True) for x in v)
    return v


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--write", action="store_true", help="rewrite the expectations from libmodsecurity"
    )
    args = parser.parse_args()
    data = json.loads(CASES.read_text())
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "debug.log"
        for case in data["cases"]:
            variables = sorted(case["expect"])
            actual = run_case(case, variables, log)
            if args.write:
                case["expect"] = actual
                continue
            for var in variables:
                if canonical(case["expect"][var]) != canonical(actual[var]):
                    failures += 1
                    print(
                        f"{case['name']}: {var}\n  file:        {case['expect'][var]}\n  modsecurity: {actual[var]}"
                    )
    if args.write:
        CASES.write_text(json.dumps(data, indent=1, ensure_ascii=True) + "\n")
        print(f"wrote {len(data['cases'])} cases")
        return 0
    print(f"{len(data['cases'])} cases, {failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""The CRS generator (wasm/gen_crs.py, wasm/crsgen/): SecLang parsing, the
PCRE -> Rust regex translation, and the soundness of the prefilter literals.

The translation and the prefilters are checked against Python's own regex
engine, which reads PCRE's syntax independently of `crsgen.pcre`: on a corpus
of the CRS regression payloads and of strings sampled from each regex, the
translated pattern must match exactly where the original does, and wherever the
original matches, the value must contain one of the rule's literals.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
import yaml

from .corpus import REPO, shared_dir

WASM = REPO / "wasm"
if str(WASM) not in sys.path:  # the generator's package, beside gen_crs.py
    sys.path.insert(0, str(WASM))

from crsgen import pcre, prefilter, rustre, seclang  # noqa: E402
from crsgen.rules import compile_files, data_phrases  # noqa: E402

RULES = WASM / "data" / "crs" / "rules"
SETUP = WASM / "data" / "crs" / "crs-setup.conf.example"
REGRESSION = shared_dir() / "data" / "crs" / "tests" / "regression" / "tests"
REPORT = REPO / "docs" / "crs-unsupported.md"
MAX_VALUE = 256


def run_generator(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    # -S -E: no site-packages, no environment: the standard library only.
    cmd = [sys.executable, "-S", "-E", str(WASM / "gen_crs.py"), "--rules", str(RULES), "--out", str(out)]
    return subprocess.run([*cmd, *extra], capture_output=True, text=True, check=True)


# -- the command -------------------------------------------------------------
def test_output_is_deterministic_and_report_is_current(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    report = tmp_path / "report.md"
    run_generator(first, "--report", str(report))
    run_generator(second)
    assert first.read_bytes() == second.read_bytes()
    assert report.read_text() == REPORT.read_text(), "regenerate docs/crs-unsupported.md with --report"


def test_prints_what_cannot_run(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "REQUEST-900-TEST.conf").write_text(
        'SecRule ARGS "@rx a(?=b)" "id:1,phase:2,pass,tag:\'paranoia-level/1\'"\n'
        'SecRule ARGS "@verifyCC \\d{16}" "id:2,phase:2,pass,tag:\'paranoia-level/3\'"\n'
        'SecRule RESPONSE_BODY "@rx x" "id:3,phase:4,pass"\n'
        'SecRule ARGS "@rx ok" "id:4,phase:2,pass,t:none,t:md5"\n'
        'SecRule ARGS "@rx fine" "id:5,phase:1,pass"\n'
    )
    setup = tmp_path / "crs-setup.conf.example"
    setup.write_text('SecDefaultAction "phase:2,log,auditlog,pass"\n')
    out = tmp_path / "t.json"
    cmd = [sys.executable, "-S", "-E", str(WASM / "gen_crs.py"), "--rules", str(rules), "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "cannot run 1 (PL 1): regex lookahead" in done.stderr
    assert "cannot run 2 (PL 3): operator @verifyCC" in done.stderr
    assert "cannot run 4 (PL None): transformation md5" in done.stderr
    assert "outside phases 1-2: 1" in done.stderr
    assert '"id":5' in out.read_text() and '"id":1' not in out.read_text()


# -- SecLang -----------------------------------------------------------------
def test_directives_continuations_quotes_and_comments() -> None:
    text = (
        "# a comment \\\n"
        "  still the comment\n"
        'SecRule REQUEST_HEADERS:User-Agent "@rx a\\"b c" \\\n'
        '    "id:1,\\\n'
        "    msg:'it, has \\'commas\\'',\\\n"
        '    t:none"\n'
        "SecMarker END-X\n"
        'SecMarker "END-Y"\n'
    )
    ds = seclang.read_directives(text, "f.conf")
    assert [d.name for d in ds] == ["SecRule", "SecMarker", "SecMarker"]
    assert ds[0].args[:2] == ("REQUEST_HEADERS:User-Agent", '@rx a\\"b c')
    assert ds[0].line == 3
    actions = seclang.split_actions(ds[0].args[2])
    assert [(a.name, a.value) for a in actions] == [
        ("id", "1"),
        ("msg", "it, has 'commas'"),
        ("t", "none"),
    ]
    assert [d.args for d in ds[1:]] == [("END-X",), ("END-Y",)]


def test_variables_split_on_unquoted_pipes() -> None:
    assert seclang.split_variables("ARGS|!ARGS:'/a|b/'|&TX:x") == ["ARGS", "!ARGS:'/a|b/'", "&TX:x"]


def test_data_phrases_as_libmodsecurity_reads_them() -> None:
    text = "# comment\n\n  # indented comment\nalpha\n beta \r\ngamma"
    assert data_phrases(text) == ["alpha", " beta ", "gamma"]


def test_rules_chains_exclusions_setvar_ctl(tmp_path: Path) -> None:
    rules = tmp_path / "REQUEST-901-X.conf"
    rules.write_text(
        'SecRule REQUEST_COOKIES|!REQUEST_COOKIES:/^__utm/|ARGS|!ARGS:foo|&TX:bar "@rx (?i)select" \\\n'
        '    "id:10,phase:2,block,capture,t:none,t:lowercase,t:none,t:urlDecodeUni,\\\n'
        "    tag:'attack-sqli',tag:'paranoia-level/2',severity:'CRITICAL',\\\n"
        "    setvar:'tx.Score_%{TX.0}=+%{tx.critical_anomaly_score}',setvar:!tx.gone,\\\n"
        '    ctl:ruleRemoveTargetById=942100;ARGS:x,chain"\n'
        '    SecRule MATCHED_VARS "@pm a b" "t:none,setvar:tx.flag"\n'
        "SecRuleUpdateTargetById 10 \"!ARGS:/^q_/\"\n"
    )
    out = compile_files([rules], tmp_path)
    assert not out.dropped and not out.global_problems
    (rule,) = out.items
    assert rule["id"] == 10 and rule["phase"] == 2 and rule["paranoia_level"] == 2
    assert rule["category"] == "SQL_INJECTION" and rule["severity"] == "CRITICAL"
    assert rule["transforms"] == ["urlDecodeUni"]
    assert rule["targets"] == [
        {"collection": "REQUEST_COOKIES", "exclude": [{"regex": "(?m:^)__utm"}]},
        {"collection": "ARGS", "exclude": [{"key": "foo"}, {"regex": "(?m:^)q_"}]},
        {"collection": "TX", "selector": {"key": "bar"}, "count": True},
    ]
    operator = dict(rule["operator"])
    letter = bytes(operator.pop("prefilter_bytes"))
    assert operator == {"name": "rx", "param": "(?i)select", "prefilter": ["select"]}
    assert len(letter) == 2 and letter.lower()[1:] in b"select" and letter[0] ^ 0x20 == letter[1]
    assert rule["actions"] == {
        "disruptive": "block",
        "capture": True,
        "setvar": [
            {"collection": "tx", "name": "score_%{TX.0}", "op": "add", "value": "%{tx.critical_anomaly_score}"},
            {"collection": "tx", "name": "gone", "op": "delete", "value": ""},
        ],
        "ctl": [{"name": "ruleRemoveTargetById", "value": "942100;ARGS:x"}],
    }
    chained = rule["chain"]
    assert chained["phase"] == 2 and "id" not in chained
    assert chained["operator"] == {"name": "pm", "param": "a b"}
    assert chained["actions"] == {"setvar": [{"collection": "tx", "name": "flag", "op": "set", "value": "1"}]}


# -- PCRE -> Rust --------------------------------------------------------------
TRANSLATIONS = [
    # ModSecurity's flags: dot-all, multiline; ASCII classes; bytes.
    (r"a.b", "a(?s:.)b"),
    (r"^x$", "(?m:^)x(?m:$)"),
    (r"\/\"\'\@\!\%\,\:\;\<\>\=\_", "/\"'@!%,:;<>=_"),
    (r"(?i)union\s+select", r"(?i)union\s+select"),
    (r"(?i:a)B", "(?i:a)B"),
    (r"(?i:ab)_c(?i)d", "(?i:ab)_c(?i:d)"),
    (r"[^\s\x0b\"',:]", r"""[^\x09-\x0d\x20"',:]"""),
    (r"\x{e2}\x80", r"\xe2\x80"),
    ("é", r"\xc3\xa9"),
    (r"[é]", r"[\xa9\xc3]"),
    (r"\v\h", r"[\x0a-\x0d\x85][\x09\x20\xa0]"),
    (r"\e\cA\0\012", r"\x1b\x01\x00\x0a"),
    (r"\\", r"\x5c"),
    (r"a{2,}?b{,3}", r"a{2,}?b\{,3\}"),
    (r"(?:\d+)?-(?:a*)+", r"(?:\d+)?\-(?:a*)+"),
    (r"(a)(?:b|c)*(?P<n>d)", r"(a)(?:b|c)*(d)"),
    (r"[\w-]", r"[\x2d0-9A-Z_a-z]"),
    (r"(?i)[a-c]", r"[A-Ca-c]"),
    (r"\Qa.b\E", r"a\.b"),
    (r"x\b\B\A\z", r"x\b\B\A\z"),
]


@pytest.mark.parametrize(("source", "expected"), TRANSLATIONS)
def test_translation(source: str, expected: str) -> None:
    parsed = pcre.parse(source)
    assert not parsed.unsupported
    assert rustre.to_rust(parsed.tree) == expected


UNSUPPORTED = [
    ("a(?=b)", "lookahead (?=...) / (?!...)"),
    ("(?<!a)b", "lookbehind (?<=...) / (?<!...)"),
    (r"(a)\1", "backreference \\N"),
    ("a++", "possessive quantifier"),
    ("(?>ab)", "atomic group (?>...)"),
    (r"a\Z", "\\Z (end or before a final newline)"),
    ("(?x) a", "option (?x)"),
    (r"\p{L}", "Unicode property \\p / \\P"),
    ("(?-m)a$", "$ without multiline (end or before a final newline)"),
]


@pytest.mark.parametrize(("source", "construct"), UNSUPPORTED)
def test_unsupported_constructs_are_reported(source: str, construct: str) -> None:
    assert construct in pcre.parse(source).unsupported


@pytest.mark.parametrize("source", ["a)", "(a", "[a", "*a", r"\x{100}", "[z-a]", r"\q", "a{3,2}"])
def test_invalid_pcre_raises(source: str) -> None:
    with pytest.raises(pcre.PcreError):
        pcre.parse(source)


def test_prefilter_analysis() -> None:
    def literals(p: str) -> list[str] | None:
        return prefilter.required_literals(pcre.parse(p).tree)

    assert literals(r"(?i)union\s+select") == ["select"]  # either word alone would do
    assert literals(r"foo|bar") == ["bar", "foo"]
    assert literals(r"foo|.*") is None
    assert literals(r"(?:bc)?a") is None  # most values hold an `a`: no filter
    assert literals(r"<script") == ["<script"]
    assert literals(r"[\"'`];") == ['";', "';", "`;"]
    assert literals(r"\x80abc") == ["abc"]
    assert literals(r"a{3,}") == ["aaa"]
    # Of two sound sets, the one benign values hold less often: `(` is in
    # many ordinary values, `sleep` in few.
    assert literals(r"sleep\s*\(") == ["sleep"]
    assert literals(r"on[a-z]+\s*=") == ["="]  # `=` is rarer in values than `on`
    assert literals(r"(?:on|x)=") == ["on=", "x="]
    # A union wider than the cap is no set; a narrower required piece still is.
    words = "|".join(f"w{i:03d}q" for i in range(100))
    assert literals(f"(?:{words})") is None
    assert literals(f"(?:{words})!") == ["!"]


def test_prefilter_bytes_analysis() -> None:
    def members(p: str) -> bytes | None:
        found = prefilter.required_bytes(pcre.parse(p).tree)
        return None if found is None else bytes(found)

    assert members(r"(?i)c[\"']?a[\"']?t") in (b"Cc", b"Aa", b"Tt")
    assert members(r"a|b") == b"ab"
    assert members(r"a|b?") is None  # the second branch may match nothing
    assert members(r"x*") is None
    assert members(r"^$") is None
    assert members(r"\xbc[^>]*>") in (b"\xbc", b">")
    assert members(r".") is None  # all 256 bytes: no filter
    assert members(r"[a-z]{3,10}") == bytes(range(0x61, 0x7B))


# -- the regexes of the CRS, against Python's engine -----------------------------
@dataclass(frozen=True)
class CrsRegex:
    where: str  # file:line
    source: str  # as written in the rule
    parsed: pcre.Parsed
    rust: str
    literals: tuple[str, ...] | None
    members: bytes | None  # prefilter_bytes


@cache
def crs_regexes() -> list[CrsRegex]:
    out = []
    for path in sorted(RULES.glob("REQUEST-9*.conf")):
        for d in seclang.read_directives(path.read_text(encoding="utf-8"), path.name):
            if d.name != "SecRule":
                continue
            op = d.args[1].removeprefix("!")
            if not op.startswith("@rx "):
                continue
            source = op[len("@rx ") :]
            parsed = pcre.parse(source)
            if parsed.unsupported:
                continue
            lits = prefilter.required_literals(parsed.tree)
            found = prefilter.required_bytes(parsed.tree)
            rust = rustre.to_rust(parsed.tree)
            where = f"{path.name}:{d.line}"
            members = None if found is None else bytes(found)
            out.append(CrsRegex(where, source, parsed, rust, tuple(lits) if lits else None, members))
    return out


def python_pcre(source: str) -> re.Pattern[bytes]:
    """The original pattern in Python's dialect: same flags as ModSecurity."""
    # Python takes global flags only at the very start; `^` does not care.
    text = "(?i)^" + source[len("^(?i)") :] if source.startswith("^(?i)") else source
    text = re.sub(r"\\x\{([0-9a-fA-F]{1,2})\}", r"\\x\1", text)
    text = re.sub(r"(?<!\\)((?:\\\\)*)\\z", r"\1\\Z", text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return re.compile(text.encode("utf-8"), re.S | re.M)


def python_rust(rust: str) -> re.Pattern[bytes]:
    """The translation as Python reads it (the writer emits no `\\\\`)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return re.compile(rust.replace(r"\z", r"\Z").encode("ascii"))


def _variants(raw: bytes) -> Iterator[bytes]:
    yield raw
    once = unquote_to_bytes(raw.replace(b"+", b" "))
    yield once
    yield unquote_to_bytes(once)
    yield once.lower()
    for piece in re.split(rb"[&=;?]", once):
        yield piece
        yield piece.lower()


@cache
def regression_corpus() -> tuple[bytes, ...]:
    """Request parts of every CRS regression test: URIs, bodies, headers,
    decoded once and twice, lower-cased, split into names and values."""
    strings: set[bytes] = set()
    for path in sorted(REGRESSION.rglob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
        for test in doc.get("tests", []):
            for stage in test.get("stages", []):
                stage_input = stage.get("input", {})
                parts = [stage_input.get("uri", ""), stage_input.get("data", "")]
                parts.extend((stage_input.get("headers") or {}).values())
                for part in parts:
                    if isinstance(part, str) and part:
                        strings.update(_variants(part.encode("utf-8", "surrogateescape")))
    # Python's backtracking engine is exponential on some CRS regexes over long
    # values (the tests' 64 KiB bodies); the ends of a long value keep its payload.
    short = {s[:MAX_VALUE] for s in strings} | {s[-MAX_VALUE:] for s in strings}
    short.discard(b"")
    return tuple(sorted(short))


def sample(node: pcre.Node, rng: random.Random, sweep: int) -> bytes:
    """A string the tree (probably) matches: assertions are ignored, so the
    caller checks the sample with the real engine. Alternations take branch
    `sweep` half of the time, so sweeping covers every branch."""
    if isinstance(node, pcre.Chars):
        return bytes([rng.choice(sorted(node.members))]) if node.members else b""
    if isinstance(node, pcre.Assert):
        return b""
    if isinstance(node, pcre.Group):
        return sample(node.child, rng, sweep)
    if isinstance(node, pcre.Concat):
        return b"".join(sample(i, rng, sweep) for i in node.items)
    if isinstance(node, pcre.Alt):
        branches = node.branches
        pick = branches[sweep % len(branches)] if rng.random() < 0.5 else rng.choice(branches)
        return sample(pick, rng, sweep)
    top = node.min + 2 if node.max is None else min(node.max, node.min + 2)
    return b"".join(sample(node.child, rng, sweep) for _ in range(rng.randint(node.min, top)))


def widest_alternation(node: pcre.Node) -> int:
    if isinstance(node, pcre.Alt):
        return max(len(node.branches), *(widest_alternation(b) for b in node.branches))
    if isinstance(node, pcre.Concat):
        return max((widest_alternation(i) for i in node.items), default=0)
    if isinstance(node, (pcre.Group, pcre.Repeat)):
        return widest_alternation(node.child)
    return 0


def samples(regex: CrsRegex) -> list[bytes]:
    rng = random.Random(regex.where)
    noise = b"a-Z 0;'\"<>/\\\n\t%(=&"
    out = []
    for sweep in range(max(30, 2 * widest_alternation(regex.parsed.tree))):
        core = sample(regex.parsed.tree, rng, sweep)
        prefix = bytes(rng.choice(noise) for _ in range(rng.randint(0, 3)))
        out += [core, prefix + core, core.upper(), core + prefix]
    return out


def test_every_crs_regex_is_translated() -> None:
    # Every @rx of the request rules parses with no unsupported construct
    # (crs_regexes() skips those): the translation check below covers them all.
    count = 0
    for path in sorted(RULES.glob("REQUEST-9*.conf")):
        for d in seclang.read_directives(path.read_text(encoding="utf-8"), path.name):
            count += d.name == "SecRule" and d.args[1].removeprefix("!").startswith("@rx ")
    assert count >= 250
    assert len(crs_regexes()) == count


@pytest.mark.slow
def test_translation_matches_pcre_and_prefilters_are_sound() -> None:
    corpus = regression_corpus()
    assert len(corpus) > 10_000
    never_matched = []
    for regex in crs_regexes():
        original, translated = python_pcre(regex.source), python_rust(regex.rust)
        matched = 0
        for value in (*corpus, *samples(regex)):
            hit = original.search(value) is not None
            assert hit == (translated.search(value) is not None), (regex.where, regex.rust, value)
            if hit and regex.literals:
                lowered = value.lower()
                assert any(lit.encode() in lowered for lit in regex.literals), (regex.where, regex.literals, value)
            if hit and regex.members is not None:
                assert any(b in regex.members for b in value), (regex.where, regex.members, value)
            matched += hit
        if not matched:
            never_matched.append(regex.where)
    # Every regex met inputs it matches, or the checks above would say little.
    assert not never_matched

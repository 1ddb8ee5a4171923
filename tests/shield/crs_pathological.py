"""Every CRS `@rx` fed 64 KiB of fragments derived from its own pattern.

Issue #16 asks that each CRS regex, given 64 KiB of its worst repeated
fragment, stay under 10 ms per request, and that no such request reach the
analyzer's deadline (a deadline is an ERROR, and an ERROR fails open).
Which fragment is worst is not known in advance, so each regex gets several,
built from a walk of its syntax tree along the first alternative (and along
each top-level alternative):

- ``match repeated``: one match, back to back;
- ``match once, padded``: one match, then filler;
- ``pump K long match``: the K-th unbounded repeat expanded to fill the
  value, the rest of the match after it (one long match: what the
  capturing engines pay for, times the regex's size);
- ``pump K never ends``: the same without the rest (the search runs to the
  end and fails);
- ``filler``: for a pattern that only matches the empty string.

Each value is put where the rule looks (its first target the request can
carry: a query argument, an argument name, a cookie, a header, the path, a
form or XML body, an upload's file name). Read by
`tests/shield/test_crs_pathological.py` (no ERROR at PL4) and
`benchmarks/crs_pathological.py` (the timings).
"""

from __future__ import annotations

import functools
import re._constants as sre
import re._parser as sre_parse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

from .corpus import REPO

WASM = REPO / "wasm"
if str(WASM) not in sys.path:  # the generator's package, beside gen_crs.py
    sys.path.insert(0, str(WASM))

from crsgen.rules import compile_files  # noqa: E402

RULES = WASM / "data" / "crs" / "rules"
SETUP = WASM / "data" / "crs" / "crs-setup.conf.example"
SIZE = 64 * 1024
# Top-level alternatives walked on their own, at most (932235 has thousands).
MAX_ALTERNATIVES = 12
# Unbounded repeats expanded, at most, per alternative.
MAX_PUMPS = 6
PUMP = "\x00PUMP\x00"
HEAD = [("host", "example.com"), ("user-agent", "Mozilla/5.0"), ("accept", "text/html")]


@dataclass(frozen=True)
class Case:
    rule_id: int
    paranoia_level: int
    label: str
    request: dict[str, Any]


@functools.cache
def crs_items() -> tuple[dict[str, Any], ...]:
    """The compiled CRS table's items (what wasm/gen_crs.py writes)."""
    paths = [SETUP, *sorted(RULES.glob("REQUEST-9*.conf"))]
    return tuple(compile_files(paths, RULES).items)


# A chained link reading these sees what the rule's first link matched (or
# captured from it).
MATCHED = {"MATCHED_VAR", "MATCHED_VARS", "TX"}


def rx_links() -> Iterator[tuple[int, int, dict[str, Any]]]:
    """(rule id, paranoia level, link) for every `@rx` link, chained links included."""
    for item in crs_items():
        if item.get("item") != "rule":
            continue
        link: dict[str, Any] | None = item
        while link is not None:
            if link.get("operator", {}).get("name") == "rx":
                yield item["id"], item.get("paranoia_level") or 1, link
            link = link.get("chain")


def targets_of(rule_id: int, link: dict[str, Any]) -> list[dict[str, Any]]:
    """Where the value for `link` goes: its targets, or for a chained link
    that reads the matched variables, its rule's first link's."""
    targets: list[dict[str, Any]] = link.get("targets", [])
    first = next(i for i in crs_items() if i.get("id") == rule_id)
    if link is not first and targets and all(t["collection"] in MATCHED for t in targets):
        return list(first.get("targets", []))
    return targets


def parse(pattern: str) -> Any:
    """The pattern (the Rust dialect gen_crs writes) as Python's parser reads it."""
    return sre_parse.parse(pattern.replace("(?m:^)", "^").replace(r"\z", r"\Z"), 0)


def _sample_of_set(items: list[tuple[Any, Any]]) -> str:
    """A character the set matches, preferring ones rules care about."""
    negate = any(op is sre.NEGATE for op, _ in items)
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            chars.update(chr(c) for c in range(av[0], min(av[1], 0x7E) + 1))
        elif op is sre.CATEGORY:
            chars.add({sre.CATEGORY_DIGIT: "0", sre.CATEGORY_SPACE: " ", sre.CATEGORY_NOT_WORD: "-"}.get(av, "a"))
    if negate:
        return next(c for c in "a0 -_.x" + "".join(map(chr, range(0x21, 0x7F))) if c not in chars)
    preferred = [c for c in "a ea0'\"(<;/" if c in chars]
    return preferred[0] if preferred else (min(chars) if chars else "a")


def _walk(tree: Any, pump: int, pumps: list[str]) -> str:
    """A string along the first path of `tree`. Unbounded repeats are listed
    in `pumps` as they come; the `pump`-th is left as the PUMP marker."""
    out = []
    for op, av in tree:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.NOT_LITERAL:
            out.append("a" if av != ord("a") else "b")
        elif op is sre.IN:
            out.append(_sample_of_set(av))
        elif op is sre.ANY:
            out.append("a")
        elif op is sre.BRANCH:
            out.append(_walk(av[1][0], pump, pumps))
        elif op is sre.SUBPATTERN:
            out.append(_walk(av[-1], pump, pumps))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, sub = av
            one = _walk(sub, pump, pumps)
            if high is sre.MAXREPEAT:
                pumps.append(one)
                out.append(PUMP if pump == len(pumps) - 1 else one * max(low, 1))
            else:
                out.append(one * max(low, 1))
        # anchors and group references add nothing
    return "".join(out)


def _alternatives(tree: Any) -> list[Any]:
    """The top-level alternatives (inside one enclosing group too), or the tree."""
    for op, av in tree:
        if op is sre.BRANCH:
            return list(av[1])[:MAX_ALTERNATIVES]
    if len(tree) <= 2:
        for op, av in tree:
            if op is sre.SUBPATTERN:
                for op2, av2 in av[-1]:
                    if op2 is sre.BRANCH:
                        return list(av2[1])[:MAX_ALTERNATIVES]
    return [tree]


def fragments(pattern: str, size: int = SIZE) -> list[tuple[str, str]]:
    """(label, value of about `size` characters) to feed a regex."""
    out: set[tuple[str, str]] = set()
    for alt in _alternatives(parse(pattern)):
        pumps: list[str] = []
        match = _walk(alt, -1, pumps)
        if match:
            out.add(("match repeated", match * max(1, size // len(match))))
            out.add(("match once, padded", match + "a" * max(0, size - len(match))))
        for k, one in enumerate(pumps[:MAX_PUMPS]):
            if not one:
                continue
            head, _, tail = _walk(alt, k, []).partition(PUMP)
            fill = one * max(1, (size - len(head) - len(tail)) // len(one))
            out.add((f"pump {k} long match", head + fill + tail))
            out.add((f"pump {k} never ends", head + fill))
    if not out:  # a pattern that matches only the empty string (`^$`)
        out.add(("filler", "a" * size))
    return sorted(out)


def request_for(targets: list[dict[str, Any]], value: str) -> dict[str, Any] | None:
    """A request carrying `value` where a rule with these targets reads it (None: nowhere)."""
    cols = [t["collection"] for t in targets]
    keys = {t["collection"]: (t.get("selector") or {}).get("key") for t in targets}
    encoded = quote(value, safe="")
    if {"ARGS", "ARGS_GET", "QUERY_STRING"} & set(cols):
        return {"method": "GET", "path": "/a", "query": "q=" + encoded, "headers": HEAD}
    if {"ARGS_NAMES", "ARGS_GET_NAMES"} & set(cols):
        return {"method": "GET", "path": "/a", "query": encoded + "=1", "headers": HEAD}
    if "REQUEST_COOKIES" in cols:
        return {"method": "GET", "path": "/a", "headers": [*HEAD, ("cookie", "c=" + value.replace(";", ","))]}
    if "REQUEST_HEADERS_NAMES" in cols:
        name = "".join(c for c in value if c not in ": \t\r\n") or "x"
        return {"method": "GET", "path": "/a", "headers": [*HEAD, (name, "1")]}
    if "REQUEST_HEADERS" in cols:
        key = keys["REQUEST_HEADERS"]
        header = key.lower() if isinstance(key, str) and not key.startswith("/") else "x-custom"
        return {"method": "GET", "path": "/a", "headers": [*(h for h in HEAD if h[0] != header), (header, value)]}
    if {"REQUEST_FILENAME", "REQUEST_URI", "REQUEST_URI_RAW", "REQUEST_LINE", "REQUEST_BASENAME"} & set(cols):
        return {"method": "GET", "path": "/" + quote(value, safe="/"), "headers": HEAD}
    if "REQUEST_BODY" in cols:
        return {"method": "POST", "path": "/a", "headers": [*HEAD, ("content-type", "application/x-www-form-urlencoded")],
                "body": ("q=" + encoded).encode()}
    if "XML" in cols:
        return {"method": "POST", "path": "/a", "headers": [*HEAD, ("content-type", "application/xml")],
                "body": ("<a>" + escape(value) + "</a>").encode()}
    if {"FILES", "FILES_NAMES", "MULTIPART_PART_HEADERS"} & set(cols):
        line = value.replace('"', "'").replace("\r", "").replace("\n", "")
        name, part = (line, "x") if {"FILES", "FILES_NAMES"} & set(cols) else ("f.txt", line)
        body = (f'--b\r\nContent-Disposition: form-data; name="f"; filename="{name}"\r\n'
                f"Content-Type: text/plain\r\nX-Part: {part}\r\n\r\nx\r\n--b--\r\n").encode()
        return {"method": "POST", "path": "/a", "headers": [*HEAD, ("content-type", "multipart/form-data; boundary=b")],
                "body": body}
    return None


def cases(paranoia_level: int, size: int = SIZE) -> list[Case]:
    """Every fragment of every `@rx` link of the rules up to `paranoia_level`, as a request."""
    out = []
    for rule_id, level, link in rx_links():
        if level > paranoia_level:
            continue
        for label, value in fragments(link["operator"]["param"], size):
            request = request_for(targets_of(rule_id, link), value)
            if request is not None:
                out.append(Case(rule_id, level, label, request))
    return out

"""Sensitive information: precision and recall per entity type on the
labelled corpus (tools/gen_sensitive_corpus.py), and the cost per KB.

    python benchmarks/sensitive_info_corpus.py [--split tune|holdout|both]
        [--backend cli|protect] [--seed 17] [-n 9000] [--corpus FILE] [--repeats 5] [--check]

A hit counts only when its type AND its exact span match a label; anything
else the backend reports is a false positive, any label it does not report
exactly is a false negative (a wrong span is both). Targets (issue #17):
precision >= 99 % and recall >= 95 % per type.

For `tune` the most common false positives and misses are listed with the
text around them. For `holdout` only the numbers are printed: it is how the
project measures what tuning did not see, so nothing there is shown that one
could tune on.

Backends:
- `cli`: wasm/sensitive/target/release/sensitive_scan (native build of the
  detector crate), fed `{"text": ...}` JSON lines on stdin, answering
  `{"entities": [[type, start, end], ...]}` per line, one process per
  batch. Build it with
  `cd wasm/sensitive && RUSTC=/usr/bin/rustc /usr/bin/cargo build --release --offline -q`.
  Its cost is measured end to end (process start, JSON both ways, the
  pipe): an upper bound on the detector's own cost.
- `protect`: the public API as a user calls it: `detect_sensitive_info(
  mode=Mode.LIVE, deny=[the four types])` and `aj.protect(request,
  sensitive_info_value=text)`; entities from the rule's `reason_v2`
  (`denied` and `allowed`). A result in ERROR stops the run: an error is
  not "nothing found".

Cost: µs per KB (1,024 bytes of UTF-8) over all texts of the split(s),
median over --repeats passes, and µs per text.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

import gen_sensitive_corpus as corpus  # noqa: E402

from benchmarks._machine import machine_line  # noqa: E402

if TYPE_CHECKING:
    from arcjet import IdentifiedEntity

TYPES = corpus.TYPES
CLI_PATH = REPO / "wasm" / "sensitive" / "target" / "release" / "sensitive_scan"
BUILD_HINT = "cd wasm/sensitive && RUSTC=/usr/bin/rustc /usr/bin/cargo build --release --offline -q"
PRECISION_TARGET, RECALL_TARGET = 0.99, 0.95

Span = tuple[str, int, int]  # type, start, end (code points, end exclusive)


class BackendError(RuntimeError):
    """The backend failed or answered something that is not a list of entities."""


class Backend(Protocol):
    name: str

    def scan(self, texts: Sequence[str]) -> list[list[Span]]: ...

    def close(self) -> None: ...


def parse_entities(raw: Any, text: str, where: str) -> list[Span]:
    """[[type, start, end], ...] checked for shape; spans are kept as given
    (an out-of-range span is simply a false positive)."""
    if not isinstance(raw, list):
        raise BackendError(f"{where}: entities is {type(raw).__name__}, not a list")
    out: list[Span] = []
    for item in raw:
        if (not isinstance(item, list | tuple) or len(item) != 3 or not isinstance(item[0], str)
                or not isinstance(item[1], int) or not isinstance(item[2], int)):
            raise BackendError(f"{where}: bad entity {item!r}")
        out.append((item[0], item[1], item[2]))
    return out


class CliBackend:
    """sensitive_scan run once per batch: all lines in, end of input, all
    answers out (the binary buffers its output until its input ends, so a
    long-lived process would never hand back the batch's last lines)."""

    name = "cli"

    def __init__(self, path: Path = CLI_PATH) -> None:
        if not path.exists():
            raise BackendError(f"{path} does not exist; build it: {BUILD_HINT}")
        self.path = path

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        payload = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
        proc = subprocess.run([str(self.path)], input=payload, capture_output=True, text=True,
                              encoding="utf-8", check=False)
        if proc.returncode != 0:
            raise BackendError(f"sensitive_scan exited {proc.returncode}: {proc.stderr.strip()[-2000:]}")
        lines = proc.stdout.splitlines()
        if len(lines) != len(texts):
            raise BackendError(f"sensitive_scan answered {len(lines)} lines for {len(texts)} texts")
        out: list[list[Span]] = []
        for i, (line, t) in enumerate(zip(lines, texts, strict=True)):
            try:
                answer = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BackendError(f"text {i}: not JSON: {line[:200]!r}") from exc
            if not isinstance(answer, dict) or "entities" not in answer:
                raise BackendError(f"text {i}: no 'entities' in {line[:200]!r}")
            out.append(parse_entities(answer["entities"], t, f"text {i}"))
        return out

    def close(self) -> None:
        pass


REQUEST: dict[str, Any] = {
    "ip": "203.0.113.7", "method": "POST", "path": "/messages", "query": "",
    "headers": {"host": "app.example.com", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
                "content-type": "text/plain; charset=utf-8"},
}


def spans(ents: Iterable[IdentifiedEntity]) -> list[Span]:
    return [(e.identified_type, e.start, e.end) for e in ents]


class ProtectBackend:
    """The public API, as a user would call it."""

    name = "protect"

    def __init__(self) -> None:
        # Imported here: the cli backend must not depend on the package importing.
        from arcjet import Mode, SensitiveInfoReason, arcjet_sync, detect_sensitive_info

        self.reason_type = SensitiveInfoReason
        self.aj = arcjet_sync(key="bench", environment="development",
                              rules=[detect_sensitive_info(mode=Mode.LIVE, deny=list(TYPES))])

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        out: list[list[Span]] = []
        for i, t in enumerate(texts):
            decision = self.aj.protect(dict(REQUEST), sensitive_info_value=t)
            results = list(decision.results)
            if len(results) != 1:
                raise BackendError(f"text {i}: expected one rule result, got {len(results)}")
            res = results[0]
            reason = res.reason_v2
            if res.is_error() or decision.is_error():
                raise BackendError(f"text {i}: detect_sensitive_info returned ERROR: "
                                   f"{getattr(reason, 'message', reason)!r}")
            if not isinstance(reason, self.reason_type):
                raise BackendError(f"text {i}: reason is {reason!r}, not SENSITIVE_INFO")
            ents = [*reason.denied, *reason.allowed]
            if decision.is_denied():
                # What a user reads first, decision.reason_v2, must say the same.
                top = decision.reason_v2
                if not isinstance(top, self.reason_type) or sorted(spans(top.denied)) != sorted(spans(reason.denied)):
                    raise BackendError(f"text {i}: decision.reason_v2 {top!r} differs from the rule's reason")
            out.append(parse_entities([list(sp) for sp in spans(ents)], t, f"text {i}"))
        return out

    def close(self) -> None:
        pass


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------

@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    # (type, class) -> examples (text, start, end)
    fp_cases: dict[tuple[str, str], list[tuple[str, int, int]]] = field(default_factory=lambda: defaultdict(list))
    fn_cases: dict[tuple[str, str], list[tuple[str, int, int]]] = field(default_factory=lambda: defaultdict(list))


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def fp_class(rec: corpus.Record, span: Span) -> str:
    """Why a reported span is wrong: what it overlaps in the labels."""
    t, s, e = span
    for g in rec["entities"]:
        if (g["start"], g["end"]) == (s, e):
            return f"type: labelled {g['type']}"
    for g in rec["entities"]:
        if _overlaps(s, e, g["start"], g["end"]):
            return f"span: {g['format']}" if g["type"] == t else f"inside {g['type']}"
    for d in rec["distractors"]:
        if _overlaps(s, e, d["start"], d["end"]):
            return f"distractor: {d['kind']}"
    return "unlabelled text"


def score(recs: Sequence[corpus.Record], preds: Sequence[list[Span]], sc: Score | None = None) -> Score:
    sc = sc or Score()
    for rec, pred in zip(recs, preds, strict=True):
        gold = {(g["type"], g["start"], g["end"]): g for g in rec["entities"]}
        seen: set[Span] = set()
        for p in pred:
            if p in seen:
                sc.duplicates += 1
                continue
            seen.add(p)
            if p in gold:
                sc.tp[p[0]] += 1
            else:
                sc.fp[p[0]] += 1
                sc.fp_cases[(p[0], fp_class(rec, p))].append((rec["text"], p[1], p[2]))
        for key, g in gold.items():
            if key not in seen:
                sc.fn[key[0]] += 1
                partial = any(_overlaps(g["start"], g["end"], p[1], p[2]) for p in seen)
                cls = f"{g['format']} ({'wrong span/type' if partial else 'not found'})"
                sc.fn_cases[(key[0], cls)].append((rec["text"], g["start"], g["end"]))
    return sc


def ratio(n: int, d: int) -> float:
    return n / d if d else float("nan")


def print_numbers(title: str, sc: Score) -> bool:
    """The per-type table; True when every type meets both targets."""
    print(f"\n== {title}")
    print(f"{'type':20} {'TP':>7} {'FP':>6} {'FN':>6} {'precision':>10} {'recall':>8}")
    ok = True
    types = list(TYPES) + sorted(t for t in set(sc.fp) | set(sc.tp) if t not in TYPES)
    for t in types:
        tp, fp, fn = sc.tp[t], sc.fp[t], sc.fn[t]
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        good = p >= PRECISION_TARGET and r >= RECALL_TARGET
        ok = ok and good
        print(f"{t:20} {tp:7} {fp:6} {fn:6} {100 * p:9.2f}% {100 * r:7.2f}%  {'ok' if good else 'BELOW TARGET'}")
    tp, fp, fn = sum(sc.tp.values()), sum(sc.fp.values()), sum(sc.fn.values())
    print(f"{'all':20} {tp:7} {fp:6} {fn:6} {100 * ratio(tp, tp + fp):9.2f}% {100 * ratio(tp, tp + fn):7.2f}%")
    if sc.duplicates:
        print(f"(the backend reported {sc.duplicates} duplicate spans; counted once)")
    return ok


def context(text: str, start: int, end: int, width: int = 32) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    s = f"{'…' if start > width else ''}{left}⟦{text[start:end]}⟧{right}{'…' if end + width < len(text) else ''}"
    return s.replace("\n", "⏎").replace("\t", "⇥")


def print_cases(title: str, cases: dict[tuple[str, str], list[tuple[str, int, int]]], top: int, examples: int) -> None:
    print(f"\n-- {title}")
    if not cases:
        print("   none")
        return
    for (t, cls), items in sorted(cases.items(), key=lambda kv: -len(kv[1]))[:top]:
        print(f"{len(items):6}  {t:19} {cls}")
        for text, s, e in items[:examples]:
            print(f"          {context(text, s, e)}")


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------

def time_backend(backend: Backend, texts: Sequence[str], repeats: int) -> tuple[float, float]:
    """(µs per KB, µs per text), medians over `repeats` passes over all texts."""
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    per_kb, per_text = [], []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        backend.scan(texts)
        us = (time.perf_counter_ns() - t0) / 1000
        per_kb.append(us / kb)
        per_text.append(us / len(texts))
    return statistics.median(per_kb), statistics.median(per_text)


# ---------------------------------------------------------------------------

def load(args: argparse.Namespace) -> list[corpus.Record]:
    if args.corpus:
        with open(args.corpus, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    return list(corpus.records(seed=args.seed, n=args.n))


def make_backend(name: str) -> Backend:
    if name == "cli":
        return CliBackend()
    try:
        return ProtectBackend()
    except Exception as exc:  # a misconfiguration today; say what, do not count zeros
        raise BackendError(f"the protect backend could not start: {type(exc).__name__}: {exc}") from exc


def run(args: argparse.Namespace) -> int:
    recs = load(args)
    splits = ("tune", "holdout") if args.split == "both" else (args.split,)
    held = corpus.holdout(args.seed)
    print(machine_line())
    print(f"corpus: seed {args.seed}, {len(recs)} records; held out: locales {', '.join(held.locales)}; "
          f"families {', '.join(held.families)}")
    try:
        backend = make_backend(args.backend)
    except BackendError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    all_ok = True
    try:
        timed: list[str] = []
        for split in splits:
            part = [r for r in recs if r["split"] == split]
            if not part:
                print(f"\n== {split}: no records")
                continue
            preds = backend.scan([r["text"] for r in part])
            sc = score(part, preds)
            ents = Counter(e["type"] for r in part for e in r["entities"])
            n_dis = sum(len(r["distractors"]) for r in part)
            title = (f"{split} ({args.backend}): {len(part)} texts, "
                     + ", ".join(f"{t} {ents[t]}" for t in TYPES) + f", {n_dis} distractors")
            all_ok = print_numbers(title, sc) and all_ok
            if split == "tune":
                print_cases("most common false positives (tune)", sc.fp_cases, args.top, args.examples)
                print_cases("most common misses (tune)", sc.fn_cases, args.top, args.examples)
            timed.extend(r["text"] for r in part)
        if timed and args.repeats > 0:
            per_kb, per_text = time_backend(backend, timed, args.repeats)
            size = sum(len(t.encode("utf-8")) for t in timed) / len(timed)
            what = "end to end through the pipe, JSON included" if args.backend == "cli" else "per protect() call"
            print(f"\ncost ({args.backend}, {what}): {per_kb:.2f} µs/KB, {per_text:.2f} µs per text "
                  f"(mean text {size:.0f} bytes; median of {args.repeats} passes over {len(timed)} texts)")
    except BackendError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        backend.close()
    if args.check and not all_ok:
        return 1
    return 0


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("tune", "holdout", "both"), default="tune")
    ap.add_argument("--backend", choices=("cli", "protect"), default="cli")
    ap.add_argument("--seed", type=int, default=corpus.SEED)
    ap.add_argument("-n", type=int, default=corpus.DEFAULT_N, help="records to generate")
    ap.add_argument("--corpus", help="read the records from this JSON lines file instead of generating them")
    ap.add_argument("--repeats", type=int, default=5, help="timing passes (0: no timing)")
    ap.add_argument("--top", type=int, default=15, help="rows of the false-positive/miss tables (tune only)")
    ap.add_argument("--examples", type=int, default=3, help="examples per row")
    ap.add_argument("--check", action="store_true", help="exit 1 when a type misses a target")
    return run(ap.parse_args(list(argv) if argv is not None else None))


if __name__ == "__main__":
    sys.exit(main())

"""The labelled sensitive-information corpus (tools/gen_sensitive_corpus.py):
deterministic, labels on the right text, splits disjoint by source; and the
evaluator's exact-span scoring (benchmarks/sensitive_info_corpus.py)."""

from __future__ import annotations

import ipaddress
import itertools
import json
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))

import gen_sensitive_corpus as gen  # noqa: E402

N = 700  # enough records for every family x locale pair to appear a few times


@cache
def sample() -> tuple[gen.Record, ...]:
    return tuple(gen.records(seed=17, n=N))


def test_same_seed_same_corpus_and_record_i_independent_of_n() -> None:
    again = list(gen.records(seed=17, n=N))
    assert again == list(sample())
    assert list(gen.records(seed=17, n=50)) == list(sample())[:50]


def test_another_seed_another_corpus() -> None:
    other = list(gen.records(seed=18, n=50))
    assert [r["text"] for r in other] != [r["text"] for r in sample()[:50]]


def test_other_faker_version_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import faker

    monkeypatch.setattr(faker, "VERSION", "0.0.1")
    with pytest.raises(RuntimeError, match=gen.FAKER_VERSION):
        next(gen.records(n=1))


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_CHARS = re.compile(r"\(?\+?[0-9 ().\-/]+")


def check_value(etype: str, v: str) -> None:
    if etype == gen.EMAIL:
        assert EMAIL_RE.fullmatch(v), v
    elif etype == gen.IP:
        ipaddress.ip_address(v)  # raises if not an address
    elif etype == gen.CARD:
        assert re.fullmatch(r"\d+([ -]\d+)*", v), v
        d = re.sub(r"\D", "", v)
        assert 13 <= len(d) <= 19 and gen.luhn_ok(d), v
        assert len({c for c in v if not c.isdigit()}) <= 1, v  # one kind of separator
    else:
        assert etype == gen.PHONE
        assert PHONE_CHARS.fullmatch(v), v
        assert 7 <= len(re.sub(r"\D", "", v)) <= 16, v
        assert v[-1].isdigit() and (v[0].isdigit() or v[0] in "+("), v


def test_labels_point_at_the_entity_and_only_at_it() -> None:
    for r in sample():
        text = r["text"]
        spans = sorted([(e["start"], e["end"]) for e in r["entities"]]
                       + [(d["start"], d["end"]) for d in r["distractors"]])
        for (_, a_end), (b_start, _) in itertools.pairwise(spans):
            assert a_end <= b_start, (r["id"], "overlapping labels")
        assert [e["start"] for e in r["entities"]] == sorted(e["start"] for e in r["entities"])
        for e in r["entities"]:
            assert 0 <= e["start"] < e["end"] <= len(text)
            v = text[e["start"]:e["end"]]
            check_value(e["type"], v)
            # Never glued to an ASCII letter or digit (Japanese prose glues values to kana, on purpose).
            before = text[e["start"] - 1] if e["start"] else " "
            after = text[e["end"]] if e["end"] < len(text) else " "
            assert not (before.isascii() and before.isalnum()), (r["id"], v, before)
            assert not (after.isascii() and after.isalnum()), (r["id"], v, after)


def test_every_type_wrapping_and_distractor_kind_occurs() -> None:
    types = Counter(e["type"] for r in sample() for e in r["entities"])
    assert set(types) == set(gen.TYPES)
    kinds = {d["kind"] for r in sample() for d in r["distractors"]}
    assert set(gen.DISTRACTOR_KINDS) - {"postcode"} <= kinds  # postcode draws are sometimes a whole address
    assert {"postcode", "address"} & kinds
    before = Counter(r["text"][e["start"] - 1] for r in sample() for e in r["entities"] if e["start"])
    after = Counter(r["text"][e["end"]] for r in sample() for e in r["entities"] if e["end"] < len(r["text"]))
    for ch in "([<\"'`:":
        assert before[ch], ch
    for ch in ")]>\"'`,.;:!?\n":
        assert after[ch], ch
    assert any(e["start"] == 0 for r in sample() for e in r["entities"])
    assert any(e["end"] == len(r["text"]) for r in sample() for e in r["entities"])
    assert any(r["text"][max(0, e["start"] - 7):e["start"]] == "mailto:" for r in sample() for e in r["entities"])
    assert any(r["text"][max(0, e["start"] - 4):e["start"]] == "tel:" for r in sample() for e in r["entities"])


def test_distractors_are_not_entities() -> None:
    for r in sample():
        for d in r["distractors"]:
            v = r["text"][d["start"]:d["end"]]
            assert not EMAIL_RE.search(v), v
            if d["kind"] not in gen.LUHN_EXEMPT:
                assert not gen.card_shaped(v), v
    per_record = [len(r["distractors"]) for r in sample()]
    assert min(per_record) >= 2 and sum(per_record) / len(per_record) >= 4


def test_phone_extensions_are_never_inside_or_after_a_label() -> None:
    for r in sample():
        for e in r["entities"]:
            if e["type"] == gen.PHONE:
                assert not re.match(r"\s*(x|ext\.?)\s*\d", r["text"][e["end"]:], re.I), r["id"]


def test_json_snippets_are_json() -> None:
    snippets = [r["text"] for r in sample() if r["family"] == "json_snippet"]
    assert snippets
    for s in snippets:
        json.loads(s)


def test_splits_are_disjoint_by_locale_and_family() -> None:
    held = gen.holdout(17)
    assert len(held.locales) == round(len(gen.LOCALES) / 4)
    assert len(held.families) == round(len(gen.FAMILIES) / 4)
    splits = Counter(r["split"] for r in sample())
    assert splits["tune"] and splits["holdout"]
    for r in sample():
        held_out = r["locale"] in held.locales or r["family"] in held.families
        assert r["split"] == ("holdout" if held_out else "tune"), r["id"]
    tune_sources = {(r["locale"], r["family"]) for r in sample() if r["split"] == "tune"}
    assert not {loc for loc, _ in tune_sources} & set(held.locales)
    assert not {fam for _, fam in tune_sources} & set(held.families)
    # The seed, not the code, picks them.
    assert len({gen.holdout(s) for s in range(17, 27)}) > 1


@pytest.mark.slow
def test_full_corpus_size() -> None:
    s = gen.summary(list(gen.records()))
    for split in ("tune", "holdout"):
        for t in gen.TYPES:
            assert s[split][t] >= 1500, (split, t, s[split][t])
        assert s[split]["distractors"] >= 5000


def test_evaluator_counts_only_exact_type_and_span() -> None:
    sys.path.insert(0, str(REPO))
    from benchmarks import sensitive_info_corpus as ev

    recs = list(sample()[:40])
    oracle = [[(e["type"], e["start"], e["end"]) for e in r["entities"]] for r in recs]
    sc = ev.score(recs, oracle)
    n = sum(len(p) for p in oracle)
    assert sum(sc.tp.values()) == n and not sc.fp and not sc.fn
    # One span one character short, one wrong type, one invented: 3 FP, 2 FN.
    bent = [list(p) for p in oracle]
    t, s, e = bent[0][0]
    bent[0][0] = (t, s, e - 1)
    t2, s2, e2 = bent[1][0]
    bent[1][0] = (gen.EMAIL if t2 != gen.EMAIL else gen.IP, s2, e2)
    bent[2].append((gen.PHONE, 0, 1))
    sc = ev.score(recs, bent)
    assert sum(sc.fp.values()) == 3 and sum(sc.fn.values()) == 2
    assert sum(sc.tp.values()) == n - 2
    classes = {cls for (_, cls) in sc.fp_cases}
    assert any(c.startswith("span: ") for c in classes) and any(c.startswith("type: ") for c in classes)


def test_evaluator_protect_backend_stops_on_error() -> None:
    """An ERROR result is not "nothing found": the run stops, naming the error."""
    sys.path.insert(0, str(REPO))
    from arcjet import ErrorReason, SensitiveInfoReason
    from benchmarks import sensitive_info_corpus as ev

    class Result:
        def __init__(self, reason: object, error: bool) -> None:
            self.reason_v2, self.error = reason, error

        def is_error(self) -> bool:
            return self.error

    class Decision:
        def __init__(self, res: Result) -> None:
            self.results, self.reason_v2 = [res], res.reason_v2

        def is_error(self) -> bool:
            return self.results[0].is_error()

        def is_denied(self) -> bool:
            return False

    class Client:
        def __init__(self, res: Result) -> None:
            self.res = res

        def protect(self, request: object, **kwargs: object) -> Decision:
            return Decision(self.res)

    backend = object.__new__(ev.ProtectBackend)
    backend.reason_type = SensitiveInfoReason
    backend.aj = Client(Result(ErrorReason(message="not built"), True))  # type: ignore[assignment]
    with pytest.raises(ev.BackendError, match="ERROR: 'not built'"):
        backend.scan(["mail me at a@b.co"])
    backend.aj = Client(Result(SensitiveInfoReason(allowed=[], denied=[]), False))  # type: ignore[assignment]
    assert backend.scan(["nothing"]) == [[]]

"""Our public API against the reference SDK as released (arcjet 1.4.0).

The reference's names and call shapes are a committed snapshot
(``reference_arcjet_1_4_0.json``, made by ``tools/compat_snapshot.py`` from
``pip install arcjet==1.4.0`` in a throwaway venv); ours are described by the
same code at test time. Code written for the reference must import and call
ours unchanged, so:

- every public name of ``arcjet`` and ``arcjet.guard`` exists here;
- every keyword a reference factory, constructor or method accepts is an
  explicit parameter of ours (not swallowed by ``**kwargs``), positional
  where the reference's is positional;
- nothing ours requires is optional in the reference;
- every enum member of the reference exists in ours.

Parameters whose names start with ``_`` are private constructor plumbing on
both sides and are not compared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tools.compat_snapshot import describe

SNAPSHOT = json.loads((Path(__file__).parent / "reference_arcjet_1_4_0.json").read_text(encoding="utf-8"))
REFERENCE: dict[str, dict[str, Any]] = SNAPSHOT["modules"]
OURS: dict[str, dict[str, Any]] = describe()
_VAR = ("VAR_POSITIONAL", "VAR_KEYWORD")
_POSITIONAL = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")


def _callables(entry: dict[str, Any]) -> dict[str, list[dict[str, Any]] | None]:
    if entry["kind"] == "function":
        return {"__call__": entry["parameters"]}
    if entry["kind"] == "class":
        return {"__init__": entry.get("init"), **entry.get("methods", {})}
    return {}


def _shapes() -> list[tuple[str, str, str]]:
    out = []
    for module, names in REFERENCE.items():
        for name, entry in names.items():
            for member, params in _callables(entry).items():
                public = [p for p in params or () if p["kind"] not in _VAR and not p["name"].startswith("_")]
                if public:
                    out.append((module, name, member))
    return out


def test_the_snapshot_is_the_released_reference() -> None:
    assert SNAPSHOT["reference"] == "arcjet==1.4.0"
    assert len(REFERENCE["arcjet"]) >= 35 and len(REFERENCE["arcjet.guard"]) >= 70


@pytest.mark.parametrize("module", sorted(REFERENCE))
def test_every_reference_name_exists(module: str) -> None:
    missing = sorted(set(REFERENCE[module]) - set(OURS[module]))
    assert not missing, f"{module} lacks the reference's {missing}"


@pytest.mark.parametrize(("module", "name", "member"), _shapes(), ids=lambda v: str(v))
def test_every_reference_keyword_is_accepted(module: str, name: str, member: str) -> None:
    ref_params = _callables(REFERENCE[module][name])[member] or []
    ours_entry = OURS[module].get(name)
    assert ours_entry is not None, f"{module}.{name} is missing"
    ours_params = _callables(ours_entry).get(member)
    assert ours_params is not None, f"{module}.{name}.{member} is missing or has no readable signature"
    by_name = {p["name"]: p for p in ours_params}
    ours_positional = [p["name"] for p in ours_params if p["kind"] in _POSITIONAL and not p["name"].startswith("_")]
    ref_positional = [p["name"] for p in ref_params if p["kind"] in _POSITIONAL and not p["name"].startswith("_")]
    problems = []
    for p in ref_params:
        if p["kind"] in _VAR or p["name"].startswith("_"):
            continue
        mine = by_name.get(p["name"])
        if mine is None:
            problems.append(f"no parameter {p['name']!r}")
        elif p["kind"] == "POSITIONAL_ONLY" and mine["kind"] not in _POSITIONAL:
            problems.append(f"{p['name']!r} must be accepted positionally")
    # A call that passes arguments by position must bind them to the same names.
    if ours_positional[: len(ref_positional)] != ref_positional:
        problems.append(f"positional parameters {ours_positional} do not start with the reference's {ref_positional}")
    ref_names = {p["name"] for p in ref_params}
    ref_optional = {p["name"] for p in ref_params if not p["required"]}
    for p in ours_params:
        if p["required"] and not p["name"].startswith("_") and (
            p["name"] not in ref_names or p["name"] in ref_optional
        ):
            problems.append(f"{p['name']!r} is required here but not in the reference")
    assert not problems, f"{module}.{name}.{member}: " + "; ".join(problems)


def _enums() -> list[tuple[str, str]]:
    return [(m, n) for m, names in REFERENCE.items() for n, e in names.items() if e.get("members")]


@pytest.mark.parametrize(("module", "name"), _enums(), ids=lambda v: str(v))
def test_every_reference_enum_member_exists(module: str, name: str) -> None:
    ours = set(OURS[module][name].get("members", ()))
    missing = sorted(set(REFERENCE[module][name]["members"]) - ours)
    assert not missing, f"{module}.{name} lacks {missing}"


def test_main_entry_points_declare_every_keyword() -> None:
    """No **kwargs on the calls users write every day: an IDE completes them and mypy checks them."""
    for name, member in (("arcjet", "__call__"), ("arcjet_sync", "__call__"),
                         ("Arcjet", "protect"), ("ArcjetSync", "protect"),
                         ("Arcjet", "client_ip_details"), ("ArcjetSync", "client_ip_details")):
        params = _callables(OURS["arcjet"][name])[member] or []
        assert params, (name, member)
        assert not [p for p in params if p["kind"] in _VAR], f"{name}.{member} takes **kwargs"

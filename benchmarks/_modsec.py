"""ModSecurity v3 with the OWASP CRS v4 request rules, as a peer to compare against.

Runs libmodsecurity (the PyPI package `libmodsecurity`: Python bindings with
the library bundled) in this process, with the same CRS the analyzer compiles
in (``../shared/data/crs``): crs-setup.conf.example, the paranoia level, then
every ``rules/REQUEST-9*.conf`` with its .data files. In front of it, the
request-body settings of ModSecurity's ``modsecurity.conf-recommended``
(v3/master, Apache-2.0): the XML and JSON body processors (rules 200000 and
200001), body limits, the body-parse-error rules 200002-200005 and the
argument limit rule 200007.

    ms = ModSec(paranoia_level=1)
    ids, score, denied = ms.evaluate("GET", "/?q=1", "HTTP/1.1", [("Host", "x")], b"")

Fired rule ids are read from ModSecurity's log callback (a rule marked
``nolog`` never appears, as in a server's error log), the inbound anomaly score
from a logging rule after the CRS (or, when 949110 denied first, its message).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

CRS_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "crs"

# modsecurity.conf-recommended (owasp-modsecurity/ModSecurity, v3/master): the
# request side. The engine mode is set separately.
_RECOMMENDED = r"""
SecRequestBodyAccess On
SecRule REQUEST_HEADERS:Content-Type "^(?:application(?:/soap\+|/)|text/)xml" \
     "id:'200000',phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "^application/json" \
     "id:'200001',phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyLimitAction Reject
SecRequestBodyJsonDepthLimit 512
SecArgumentsLimit 1000
SecRule &ARGS "@ge 1000" \
"id:'200007', phase:2,t:none,log,deny,status:400,msg:'Failed to fully parse request body due to large argument count',severity:2"
SecRule REQBODY_ERROR "!@eq 0" \
"id:'200002', phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2"
SecRule MULTIPART_STRICT_ERROR "!@eq 0" \
"id:'200003',phase:2,t:none,log,deny,status:400, \
msg:'Multipart request body failed strict validation: \
PE %{REQBODY_PROCESSOR_ERROR}, \
BQ %{MULTIPART_BOUNDARY_QUOTED}, \
BW %{MULTIPART_BOUNDARY_WHITESPACE}, \
DB %{MULTIPART_DATA_BEFORE}, \
DA %{MULTIPART_DATA_AFTER}, \
HF %{MULTIPART_HEADER_FOLDING}, \
LF %{MULTIPART_LF_LINE}, \
SM %{MULTIPART_MISSING_SEMICOLON}, \
IQ %{MULTIPART_INVALID_QUOTING}, \
IP %{MULTIPART_INVALID_PART}, \
IH %{MULTIPART_INVALID_HEADER_FOLDING}, \
FL %{MULTIPART_FILE_LIMIT_EXCEEDED}'"
SecRule MULTIPART_UNMATCHED_BOUNDARY "@eq 1" \
    "id:'200004',phase:2,t:none,log,deny,msg:'Multipart parser detected a possible unmatched boundary.'"
SecRule TX:/^MSC_/ "!@streq 0" \
        "id:'200005',phase:2,t:none,deny,msg:'ModSecurity internal error flagged: %{MATCHED_VAR_NAME}'"
SecArgumentSeparator &
SecCookieFormat 0
"""

# The recommended file says 1000; the CRS's own image (owasp/modsecurity-crs,
# which its regression run uses) sets 100000. At 1000 PCRE gives up on some
# long inputs and the rule silently does not match (4 regression tests miss).
PCRE_MATCH_LIMIT = 100_000

# Logs the inbound anomaly score once the CRS has summed it (end of phase 2).
SCORE_RULE_ID = 4_900_001
_SCORE_RULE = (f'SecAction "id:{SCORE_RULE_ID},phase:2,pass,log,t:none,'
               "msg:'arcjet inbound score %{TX.BLOCKING_INBOUND_ANOMALY_SCORE}'\"")
_ID = re.compile(r'\[id "(\d+)"\]')
_SCORE = re.compile(r"arcjet inbound score (\d+)|Inbound Anomaly Score Exceeded \(Total Score: (\d+)\)")
BLOCKING_RULE_ID = 949110


class Verdict(NamedTuple):
    rule_ids: set[int]  # every rule that logged a match (the score rule left out)
    anomaly_score: int  # the CRS inbound anomaly score (blocking paranoia level)
    denied: bool  # a disruptive intervention (On), or 949110 fired (DetectionOnly)


class ModSecUnavailable(RuntimeError):
    """libmodsecurity is not installed, or its rules did not load."""


class ModSec:
    """One ModSecurity engine with the CRS at `paranoia_level`.

    `detection_only` runs every phase-1/2 rule to the end (SecRuleEngine
    DetectionOnly, as the CRS regression run does); otherwise SecRuleEngine On
    stops at the first disruptive rule, as a deployment does. `setvars` adds
    CRS settings (e.g. crs_regression.TEST_SETUP) as tx variables.
    """

    def __init__(self, paranoia_level: int = 1, *, detection_only: bool = False,
                 setvars: dict[str, str] | None = None, pcre_match_limit: int = PCRE_MATCH_LIMIT,
                 crs_dir: Path = CRS_DIR) -> None:
        try:
            import libmodsecurity
        except ImportError as exc:
            raise ModSecUnavailable("libmodsecurity is not installed (pip install libmodsecurity)") from exc
        if paranoia_level not in (1, 2, 3, 4):
            raise ValueError(f"paranoia_level must be 1-4, got {paranoia_level}")
        self.paranoia_level = paranoia_level
        self.detection_only = detection_only
        # Typed Any: the stubs say str, but the bindings take bytes too (pybind11
        # std::string), and only bytes carry a request exactly.
        self._lib: Any = libmodsecurity
        self._engine = libmodsecurity.ModSecurity()
        self._engine.set_connector_information("arcjet-local benchmark")
        self.version = self._engine.who_am_i()
        self.last_log: list[str] = []  # the log lines of the last evaluate(), the score rule's left out
        self._log: list[str] = []
        self._engine.set_log_callback(self._log.append)
        self._rules = libmodsecurity.RulesSet()
        extra = "".join(f",setvar:tx.{k}={v}" for k, v in (setvars or {}).items())
        self._load(f"SecRuleEngine {'DetectionOnly' if detection_only else 'On'}\n{_RECOMMENDED}"
                   f"SecPcreMatchLimit {pcre_match_limit}\nSecPcreMatchLimitRecursion {pcre_match_limit}\n")
        self._load_file(crs_dir / "crs-setup.conf.example")
        self._load(f'SecAction "id:900000,phase:1,pass,t:none,nolog,'
                   f'setvar:tx.blocking_paranoia_level={paranoia_level}{extra}"')
        files = sorted((crs_dir / "rules").glob("REQUEST-9*.conf"))
        if not files:
            raise ModSecUnavailable(f"no CRS rules in {crs_dir / 'rules'}")
        for path in files:
            self._load_file(path)
        self._load(_SCORE_RULE)

    def _load(self, text: str) -> None:
        if self._rules.load(text) < 0:
            raise ModSecUnavailable(f"ModSecurity refused the configuration: {self._rules.get_parser_error()}")

    def _load_file(self, path: Path) -> None:
        if self._rules.load_from_uri(str(path)) < 0:
            raise ModSecUnavailable(f"ModSecurity refused {path.name}: {self._rules.get_parser_error()}")

    def close(self) -> None:
        self._engine.set_log_callback(None)  # the binding keeps the callback registered until then

    def evaluate(self, method: str | bytes, uri: str | bytes, version: str | bytes,
                 headers: Iterable[tuple[str | bytes, str | bytes]], body: bytes | None) -> Verdict:
        """Phases 1 and 2 of one request, as a server connector feeds them.

        Text is taken as wire bytes decoded as Latin-1 (one character per
        byte, as crs_regression and ASGI servers give it); pass bytes
        otherwise. `version` is the request line's ("HTTP/1.1") or bare ("1.1").
        """
        self._log.clear()
        tx = self._lib.Transaction(self._engine, self._rules)
        tx.process_connection("203.0.113.7", 40000, "127.0.0.1", 80)
        proto = _wire(version)
        tx.process_uri(_wire(uri), _wire(method), proto[5:] if proto.upper().startswith(b"HTTP/") else proto)
        denied = self._disrupted(tx)
        if not denied:
            for name, value in headers:
                tx.add_request_header(_wire(name), _wire(value))
            tx.process_request_headers()
            denied = self._disrupted(tx)
        if not denied:
            if body:
                tx.append_request_body(body)
            tx.process_request_body()
            denied = self._disrupted(tx)
        ids: set[int] = set()
        score = 0
        lines = []
        for line in self._log:
            found = _ID.search(line)
            rule_id = int(found.group(1)) if found else None
            scored = _SCORE.search(line) if rule_id in (SCORE_RULE_ID, BLOCKING_RULE_ID) else None
            if scored:
                score = int(scored.group(1) or scored.group(2))
            if rule_id == SCORE_RULE_ID:
                continue
            lines.append(line)
            if rule_id is not None:
                ids.add(rule_id)
        self.last_log = lines
        return Verdict(ids, score, denied or (self.detection_only and BLOCKING_RULE_ID in ids))

    def _disrupted(self, tx: Any) -> bool:
        it = tx.intervention()
        if it is None or not it.disruptive:
            return False
        if it.log:
            self._log.append(it.log)  # the denying rule logs here, not through the callback
        return True


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """libxml2 prints the parse errors of XML bodies to the process's stderr."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _wire(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")

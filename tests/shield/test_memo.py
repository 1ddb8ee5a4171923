"""The analyzer remembers shield's hits by value across a client's requests;
through protect(), a value's verdict must still depend on where it is and
under which name, not on where it was seen first. Every request here comes
from one client IP, so the memo answers (the probe's high threshold keeps
suspicion from blocking it)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .helpers import Probe

CLIENT = "2001:4860:ffff::7"

URL = "https://files.example.net/notes.txt"
SQLI = "1' or '1'='1' --"


def form(fields: list[tuple[str, str]]) -> dict[str, object]:
    body = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in fields).encode()
    return {"method": "POST", "path": "/submit", "headers": {"content-type": "application/x-www-form-urlencoded"},
            "body": body}


def seen(probe: Probe, req: dict[str, Any]) -> tuple[bool, tuple[str, ...]]:
    """(denied, categories) for a request from the one client of this module."""
    decision = probe.aj.protect({**req, "ip": CLIENT})
    (result,) = decision.results
    assert result.state.value == "RUN", result
    return decision.conclusion.value == "DENY", tuple(getattr(result.reason_v2, "categories", ()))


def test_the_argument_name_is_part_of_what_is_remembered(probe: Probe) -> None:
    # A URL is only suspicious under an include-like name (file inclusion).
    for _ in range(3):
        assert seen(probe, form([("homepage", URL)])) == (False, ())
        assert seen(probe, form([("page", URL)])) == (False, ("FILE_INCLUSION_REMOTE",))
        assert seen(probe, {"method": "GET", "path": "/", "query": f"homepage={quote(URL, safe='')}"}) == (False, ())
        assert seen(probe, {"method": "GET", "path": "/", "query": f"page={quote(URL, safe='')}"}) == (
            False, ("FILE_INCLUSION_REMOTE",))


def test_where_a_value_was_seen_first_does_not_matter(probe: Probe) -> None:
    # The user agent is only checked for high-confidence attacks; the same
    # bytes in a form field or the query are SQL injection, before and after.
    ua = {"method": "GET", "path": "/", "headers": {"user-agent": SQLI}}
    for _ in range(3):
        assert seen(probe, ua) == (False, ())
        assert seen(probe, form([("comment", SQLI)])) == (True, ("SQL_INJECTION",))
        assert seen(probe, {"method": "GET", "path": "/", "query": "q=" + quote(SQLI, safe="")}) == (
            True, ("SQL_INJECTION",))
        assert seen(probe, {"method": "GET", "path": "/", "headers": {"referer": SQLI}}) == (
            True, ("SQL_INJECTION",))


def test_a_remembered_value_repeats_its_verdict(probe: Probe) -> None:
    # The second time the same attack comes in a new request (other fields
    # differ), the memo answers; the verdict is the same.
    for n in range(5):
        denied, categories = seen(probe, form([("n", str(n)), ("comment", "<script>alert(1)</script>")]))
        assert denied and categories == ("XSS",), (n, categories)

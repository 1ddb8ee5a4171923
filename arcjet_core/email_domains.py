"""The FREE and DISPOSABLE domain lists, and how an address's domain is
matched against them.

The bundled lists are generated from PyPI packages by
``tools/gen_email_domains.py`` (sources, versions and licences in
``analyze/data/SOURCE.email-domains``); the runtime needs only the text files.

Matching: the domain is compared in its IDNA A-label form, lowercase, and so
is every parent domain (``a.b.mailinator.com`` counts as ``mailinator.com``).
A rule's own ``*_extra`` and ``*_exclude`` entries are matched the same way;
the most specific entry wins, so excluding ``vip.example.com`` keeps it out
even while ``example.com`` is listed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from arcjet_core.cache import BoundedMemo
from arcjet_core.errors import ArcjetMisconfiguration

_FILES = {"FREE": "analyze/data/email_domains_free.txt", "DISPOSABLE": "analyze/data/email_domains_disposable.txt"}
# One or more labels of a hostname in A-label form (a single label lists a whole TLD).
_HOSTNAME = re.compile(r"(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)*(?!-)[a-z0-9-]{1,63}(?<!-)")
# Domains are attacker-chosen: the memo of their A-label form is bounded.
_ascii_memo: BoundedMemo[str, str] = BoundedMemo(4096)


@cache
def bundled(email_type: str) -> frozenset[str]:
    """The bundled list for FREE or DISPOSABLE, read once per process."""
    # From the top package: naming arcjet_core.analyze would import the analyzer bridge.
    text = resources.files("arcjet_core").joinpath(_FILES[email_type]).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def to_ascii(domain: str) -> str:
    """The domain's lowercase A-label form; "" when it has none.

    IDNA 2008 with UTS #46 mapping through the ``idna`` package when it is
    installed (as dnspython does), else Python's IDNA 2003 codec. An
    ``xn--`` label the stricter codec rejects is kept as written: the
    analyzer already accepted its syntax.
    """
    hit = _ascii_memo.get(domain)
    if hit is not None:
        return hit
    lowered = domain.lower()
    out = lowered if lowered.isascii() else ""
    if not out:
        try:
            import idna

            out = idna.encode(lowered, uts46=True).decode("ascii")
        except ImportError:
            pass
        except (UnicodeError, ValueError):  # idna.IDNAError is a UnicodeError
            out = ""
        if not out:
            try:
                out = lowered.encode("idna").decode("ascii")
            except UnicodeError:
                out = ""
    return _ascii_memo.put(domain, out.lower())


def address_domain(address: str) -> str:
    """The domain of an address the analyzer accepted (after the last @)."""
    return address[address.rfind("@") + 1:]


def suffixes(domain: str) -> Iterable[str]:
    """The domain and each parent domain, most specific first."""
    yield domain
    dot = domain.find(".")
    while dot != -1:
        yield domain[dot + 1:]
        dot = domain.find(".", dot + 1)


class DomainList:
    """One email type's list for one rule: the bundled domains, plus the
    rule's extra ones, minus its excluded ones."""

    __slots__ = ("_base", "_exclude", "_extra")

    def __init__(self, email_type: str, extra: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
        self._base = bundled(email_type)
        self._extra = frozenset(extra)
        self._exclude = frozenset(exclude)

    def matches(self, ascii_domain: str) -> bool:
        if not ascii_domain:
            return False
        base, extra, exclude = self._base, self._extra, self._exclude
        for name in suffixes(ascii_domain):
            if name in exclude:
                return False
            if name in base or name in extra:
                return True
        return False


def domain_entries(value: object, param: str) -> tuple[str, ...]:
    """A rule parameter's domains in A-label form, validated: a list of
    domain names, or a path to a file of them (one a line, ``#`` comments)."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{param} must be a list of domains or a pathlib.Path to a file of them, got {value!r}")
    if isinstance(value, os.PathLike):
        path = Path(value)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeError) as exc:
            raise ArcjetMisconfiguration(f"{param}: cannot read {path}: {exc}") from exc
        items: Iterable[object] = (line.split("#", 1)[0].strip() for line in text.splitlines())
        items = [item for item in items if item]
    elif isinstance(value, Iterable):
        items = value
    else:
        raise TypeError(f"{param} must be a list of domains or a pathlib.Path to a file of them, got {value!r}")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{param} entries must be strings, got {item!r}")
        name = item.strip().rstrip(".")
        if name.startswith("@"):
            name = name[1:]
        ascii_name = to_ascii(name)
        if not _HOSTNAME.fullmatch(ascii_name):
            raise ArcjetMisconfiguration(f"{param}: {item!r} is not a domain name")
        if ascii_name not in out:
            out.append(ascii_name)
    return tuple(out)

"""An immutable, case-insensitive multi-map of request headers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

_D = TypeVar("_D")


class Headers(Mapping[str, str]):
    """Header names are lower-cased; repeated headers keep every value in order.

    As a Mapping, ``headers[name]`` is the first value; ``get_all`` returns all.

    Built from an ASGI scope, the raw ``(bytes, bytes)`` pairs are kept as
    they are, and from a WSGI environ (or Django's META) a copy of it; either
    is decoded only when something needs more than single look-ups: a
    rate-limited route reads two or three headers of the ten or so a browser
    sends, and decoding and indexing them all cost more than the limit check.
    """

    __slots__ = ("_environ", "_index", "_pairs", "_raw")

    _environ: dict[Any, Any] | None
    _index: dict[str, tuple[str, ...]] | None
    _pairs: tuple[tuple[str, str], ...]
    _raw: Sequence[tuple[bytes, bytes]] | None

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._raw = None
        self._environ = None
        self._set(tuple((k.lower(), v) for k, v in pairs))

    @classmethod
    def from_lowercase(cls, pairs: list[tuple[str, str]]) -> Headers:
        """For sources whose names are lower-case already (our WSGI mapping)."""
        headers = cls.__new__(cls)
        headers._raw = None
        headers._environ = None
        headers._set(tuple(pairs))
        return headers

    @classmethod
    def from_environ(cls, environ: Mapping[Any, Any]) -> Headers:
        """A WSGI environ or Django's META: ``HTTP_*`` keys plus CONTENT_TYPE
        and CONTENT_LENGTH, named as the client sent them (lower-case, "-"
        for "_"); empty values are absent. The environ is copied (the app may
        change it later) and read on demand."""
        headers = cls.__new__(cls)
        headers._raw = None
        headers._index = None
        headers._environ = dict(environ)
        return headers

    @classmethod
    def from_asgi(cls, raw: Iterable[tuple[bytes, bytes]]) -> Headers:
        """ASGI's header list: lower-case latin-1 names and values as bytes.
        Copied (the app may change the scope later), decoded on demand."""
        pairs = tuple(raw)
        if pairs and not (type(pairs[0][0]) is bytes and type(pairs[0][1]) is bytes):
            # A hand-built scope with str headers: decode now, any case.
            return cls((latin1_text(k), latin1_text(v)) for k, v in pairs)
        headers = cls.__new__(cls)
        headers._raw = pairs
        headers._environ = None
        headers._index = None
        return headers

    def _set(self, pairs: tuple[tuple[str, str], ...]) -> None:
        self._pairs = pairs
        # Names rarely repeat: one comprehension, and the loop only when one did.
        index: dict[str, tuple[str, ...]] = {k: (v,) for k, v in pairs}
        if len(index) != len(pairs):
            # Values gathered in lists, then frozen once: growing a tuple per
            # repeat copied it each time, quadratic in a name's repeats (30k
            # repeats of one name cost a second in protect()).
            grouped: dict[str, list[str]] = {}
            for k, v in pairs:
                seen = grouped.get(k)
                if seen is None:
                    grouped[k] = [v]
                else:
                    seen.append(v)
            index = {k: tuple(vs) for k, vs in grouped.items()}
        self._index = index

    def _decoded(self) -> dict[str, tuple[str, ...]]:
        if self._index is None and self._environ is not None:
            self._set(tuple(environ_pairs(self._environ)))
            self._environ = None
        if self._index is None:
            raw = self._raw
            assert raw is not None
            try:
                # bytes.decode directly: latin1_text is a Python call per string
                # (for every header of every request).
                pairs = tuple([(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw])
            except AttributeError:  # a scope that mixes str and bytes still decodes
                pairs = tuple([(latin1_text(k), latin1_text(v)) for k, v in raw])
            self._set(pairs)
            self._raw = None
        assert self._index is not None
        return self._index

    def decode(self) -> None:
        """Decode every header now: for a caller about to read them all, so
        that single look-ups before that are index hits, not scans."""
        self._decoded()

    def first(self, name: str) -> str | None:
        """The first value of a header whose name is given in lower case, or None."""
        environ = self._environ
        if environ is not None:
            env_key = _ENVIRON_KEYS.get(name)
            if env_key is None:
                env_key = _environ_key(name)
            if env_key:
                value = environ.get(env_key)
                if value is None or value == "":
                    return None
                return value if type(value) is str else _text(value)
            if env_key is None:  # content-type, content-length: CONTENT_* and HTTP_CONTENT_* both count
                values = self._decoded().get(name)
                return None if values is None else values[0]
            return None  # a name no environ key is read as (it holds "_")
        raw = self._raw
        if raw is not None:
            key = name.encode("latin-1", "replace")
            for k, v in raw:
                if k == key:
                    return v.decode("latin-1")
            return None
        assert self._index is not None
        values = self._index.get(name)
        return None if values is None else values[0]

    def __getitem__(self, name: str) -> str:
        return self._decoded()[name.lower()][0]

    @overload
    def get(self, name: str, /) -> str | None: ...
    @overload
    def get(self, name: str, /, default: str | _D) -> str | _D: ...

    def get(self, name: str, /, default: object = None) -> object:
        # Mapping.get goes through __getitem__ and a KeyError for every absent
        # header; the look-ups of forwarding headers usually miss.
        value = self.first(name.lower())
        return default if value is None else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._decoded()

    def get_all(self, name: str) -> tuple[str, ...]:
        if self._environ is not None:
            # A WSGI server joins a repeated header into one value.
            if name.lower() in _CONTENT_HEADERS:
                return self._decoded().get(name.lower(), ())
            value = self.first(name.lower())
            return () if value is None else (value,)
        raw = self._raw
        if raw is not None:
            key = name.lower().encode("latin-1", "replace")
            return tuple([v.decode("latin-1") for k, v in raw if k == key])
        assert self._index is not None
        return self._index.get(name.lower(), ())

    def items(self) -> tuple[tuple[str, str], ...]:  # type: ignore[override]
        """Every (name, value) pair in the order received, repeats included."""
        self._decoded()
        return self._pairs

    def __repr__(self) -> str:
        return f"Headers({list(self.items())!r})"


def latin1_text(value: bytes | str) -> str:
    # ASGI says header bytes are latin-1; decoding latin-1 never fails.
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)


# -- WSGI environ -----------------------------------------------------------------

_CONTENT_HEADERS = frozenset({"content-type", "content-length"})
# Environ key -> header name ("" for keys that are not headers), and header
# name -> environ key ("" for names no key is read as); both bounded.
_ENVIRON_NAMES: dict[str, str] = {}
_ENVIRON_KEYS: dict[str, str | None] = {}
_NAMES_MAX = 1024


def environ_header_name(key: str) -> str:
    """The header name of an environ key, "" when the key is not a header."""
    name = _ENVIRON_NAMES.get(key)
    if name is None:
        if key.startswith("HTTP_"):
            name = key[5:].replace("_", "-").lower()
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            name = key.replace("_", "-").lower()
        else:
            name = ""
        if len(_ENVIRON_NAMES) < _NAMES_MAX:
            _ENVIRON_NAMES[key] = name
    return name


def _environ_key(name: str) -> str | None:
    """The one environ key a lower-case header name is read from; None for the
    content headers (two keys), "" for a name no key maps to."""
    key: str | None
    if name in _CONTENT_HEADERS:
        key = None
    elif "_" in name or name != name.lower() or not name:
        key = ""
    else:
        key = "HTTP_" + name.upper().replace("-", "_")
    if len(_ENVIRON_KEYS) < _NAMES_MAX:
        _ENVIRON_KEYS[name] = key
    return key


def _text(value: object) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def environ_pairs(environ: Mapping[Any, Any]) -> list[tuple[str, str]]:
    """Every header of an environ as (name, value), in the environ's order."""
    names = _ENVIRON_NAMES
    try:
        # The usual environ: every key seen before and every header a str.
        pairs = [(name, value) for key, value in environ.items()
                 if (name := names[key]) and value is not None and value != ""]
    except (KeyError, TypeError):  # a key not cached yet, or not hashable
        pairs = None
    if pairs is not None and all(type(value) is str for _, value in pairs):
        return pairs
    out: list[tuple[str, str]] = []
    for key, value in environ.items():
        name = environ_header_name(key) if type(key) is str else ""
        if not name or value is None or value == "":
            continue
        out.append((name, value if type(value) is str else _text(value)))
    return out

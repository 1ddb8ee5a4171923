"""An immutable, case-insensitive multi-map of request headers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TypeVar, overload

_D = TypeVar("_D")


class Headers(Mapping[str, str]):
    """Header names are lower-cased; repeated headers keep every value in order.

    As a Mapping, ``headers[name]`` is the first value; ``get_all`` returns all.

    Built from an ASGI scope, the raw ``(bytes, bytes)`` pairs are kept as
    they are and decoded only when something needs more than single look-ups:
    a rate-limited route reads two or three headers of the ten or so a browser
    sends, and decoding and indexing them all cost more than the limit check.
    """

    __slots__ = ("_index", "_pairs", "_raw")

    _index: dict[str, tuple[str, ...]] | None
    _pairs: tuple[tuple[str, str], ...]
    _raw: Sequence[tuple[bytes, bytes]] | None

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._raw = None
        self._set(tuple((k.lower(), v) for k, v in pairs))

    @classmethod
    def from_lowercase(cls, pairs: list[tuple[str, str]]) -> Headers:
        """For sources whose names are lower-case already (our WSGI mapping)."""
        headers = cls.__new__(cls)
        headers._raw = None
        headers._set(tuple(pairs))
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

    def first(self, name: str) -> str | None:
        """The first value of a header whose name is given in lower case, or None."""
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

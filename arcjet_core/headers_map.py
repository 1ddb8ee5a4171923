"""An immutable, case-insensitive multi-map of request headers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping


class Headers(Mapping[str, str]):
    """Header names are lower-cased; repeated headers keep every value in order.

    As a Mapping, ``headers[name]`` is the first value; ``get_all`` returns all.
    """

    __slots__ = ("_index", "_pairs")

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._set(tuple((k.lower(), v) for k, v in pairs))

    @classmethod
    def from_lowercase(cls, pairs: list[tuple[str, str]]) -> Headers:
        """For sources whose names are lower-case already (ASGI, our WSGI mapping)."""
        headers = cls.__new__(cls)
        headers._set(tuple(pairs))
        return headers

    def _set(self, pairs: tuple[tuple[str, str], ...]) -> None:
        self._pairs = pairs
        index: dict[str, tuple[str, ...]] = {}
        for k, v in pairs:
            seen = index.get(k)
            index[k] = (v,) if seen is None else (*seen, v)
        self._index = index

    def __getitem__(self, name: str) -> str:
        return self._index[name.lower()][0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._index

    def get_all(self, name: str) -> tuple[str, ...]:
        return self._index.get(name.lower(), ())

    def items(self) -> tuple[tuple[str, str], ...]:  # type: ignore[override]
        """Every (name, value) pair in the order received, repeats included."""
        return self._pairs

    def __repr__(self) -> str:
        return f"Headers({list(self._pairs)!r})"

"""What the blind benign corpora (tools/benign_r2, benign_r3, benign_r4)
share: the request record and the loop that draws their sources. Only
scaffolding: each corpus's text, vocabularies and header sets are its own,
written blind (see each README).
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Headers = list[tuple[str, str]]


@dataclass
class Request:
    """One HTTP request; `record()` gives the same JSON shape as tools/benign."""

    source: str
    kind: str
    method: str
    path: str
    query: str
    headers: Headers
    body: bytes | None = None

    def record(self) -> dict[str, object]:
        out: dict[str, object] = {"source": self.source, "kind": self.kind, "method": self.method,
                                  "path": self.path, "query": self.query,
                                  "headers": [list(pair) for pair in self.headers]}
        if self.body is not None:
            try:
                out["body"] = self.body.decode("utf-8")
            except UnicodeDecodeError:
                out["body_base64"] = base64.b64encode(self.body).decode("ascii")
        return out


Source = Callable[[random.Random, int], list[Request]]


def draw(corpus: str, sources: Mapping[str, Source], per_source: int) -> list[Request]:
    """Every source from its own `random.Random(f"{corpus}:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    out: list[Request] = []
    for name, make in sources.items():
        requests = make(random.Random(f"{corpus}:{name}"), per_source)
        assert len(requests) == per_source and all(r.source == name for r in requests), name
        out += requests
    return out

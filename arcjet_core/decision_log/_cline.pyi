"""Types of the C extension built from _cline.c (optional: see setup.py)."""

from collections import deque
from collections.abc import Callable
from typing import Any

from arcjet_core.decision import Decision

class Formatter:
    """The decision log's line from a LineBuilder's caches; a new ip, request or
    user agent from its ``*_text`` maker, anything else not cached from ``slow``."""

    def __init__(self, *, last: dict[Any, Any], rules: dict[Any, Any], limits: dict[Any, Any],
                 limit_shapes: dict[Any, Any], verdicts: dict[Any, Any], ips: dict[Any, Any],
                 requests: dict[Any, Any], uas: dict[Any, Any], ratelimit: type, decision: type, result: type,
                 slow: Callable[[float, Decision, str, str, str | None], str], ip_text: Callable[[str], str],
                 request_text: Callable[[str, str], str], ua_text: Callable[[str | None], str], prefix: str,
                 full_ip: bool = False, memos: bool = True) -> None: ...
    def __call__(self, ts: float, decision: Decision, method: str, path: str, user_agent: str | None, /) -> str: ...
    @property
    def hits(self) -> int: ...
    @property
    def misses(self) -> int: ...

class Pusher:
    """DecisionLog.submit's common case: the line from ``formatter``, appended
    to ``buffer``; anything else (not ``open``, a full buffer, metadata, a line
    that fails) handed to ``slow``. ``stranded`` runs when ``open`` turned false
    while the line was built; ``wake`` when the buffer holds ``wake_at`` entries."""

    open: bool

    def __init__(self, *, formatter: Formatter, buffer: deque[Any], slow: Callable[..., bool],
                 stranded: Callable[[], None], max: int, wake_at: int, wake: Callable[[], None]) -> None: ...
    def __call__(self, decision: Decision, method: str, path: str, user_agent: str | None, /) -> bool: ...

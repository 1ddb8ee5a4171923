"""The Lua script, and all of calling it that does no I/O.

One place decides what goes to Redis for a request: every op of the request
in one script call (one per Cluster slot when the ops' keys fall in
several), EVALSHA first and EVAL once after a NOSCRIPT. ``drive`` and
``drive_async`` take those steps over a blocking or an asyncio transport;
they differ only in ``await``, and every decision they make is one of the
I/O-free functions here (``Script.slot_groups``, ``answer_or_noscript``,
``answer``). Plain calls, not a generator resumed with each reply: that
generator's frames and StopIteration were about a tenth of the client's CPU
per round trip on a local Redis (``benchmarks/ratelimit.py``, part 4, shows
the client's CPU per call).

An encoder turns a call into what its transport sends: RESP bytes for the
store's own links (``Script.wire``: keys and arguments are encoded once per
distinct op, so a request's command is a join of remembered pieces) or
redis-py command arguments for the Cluster client (``Script.args``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Sequence
from importlib import resources
from typing import Any, TypeVar

from ..cache import BoundedMemo
from ._resp import ErrorReply, ProtocolError, ReplyError, bulk
from ._types import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    Op,
    Outcome,
    SlidingWindowParams,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
)

P = TypeVar("P")
Encoder = Callable[[bool, Sequence[Op]], P]  # (by SHA?, the call's ops) -> command

KEY_PART_SEPARATOR = "\x1f"
# Distinct ops (returning clients) whose encoded keys are remembered, per kind.
KEY_MEMO_SIZE = 16_384
_KINDS = {TokenBucketParams: "t", FixedWindowParams: "f", SlidingWindowParams: "s"}


def load_script() -> str:
    """The Lua sent to Redis: the algorithms, then the request loop."""
    package = resources.files(__package__)
    return (
        package.joinpath("algorithms.lua").read_text(encoding="utf-8")
        + "\n"
        + package.joinpath("run.lua").read_text(encoding="utf-8")
    )


def storage_key(prefix: str, kind: str, key: str) -> str:
    """``prefix:{tag}:digest``: hashed so any logical key is safe and bounded.

    The hash tag is the last key part (the engine puts the client fingerprint
    there), so a request's ops usually share one Cluster slot and one round
    trip. The kind is in the digest so two algorithms never share state.
    """
    tag = key.rpartition(KEY_PART_SEPARATOR)[2]
    tag_digest = hashlib.sha256(tag.encode()).hexdigest()[:16]
    digest = hashlib.sha256(f"{kind}\x00{key}".encode()).hexdigest()[:32]
    return f"{prefix}:{{{tag_digest}}}:{digest}"


def kind_of(op: Op) -> str:
    """The op's kind letter, as run.lua dispatches on it."""
    return "x" if isinstance(op, SuspicionOp) else _KINDS[type(op.params)]


def pack(op: Op) -> tuple[str, tuple[int, int, int, int]]:
    """The op's kind letter and its four integer arguments, as run.lua reads them."""
    if isinstance(op, SuspicionOp):
        return "x", (op.add, op.threshold, op.window_seconds * 1000, op.block_seconds * 1000)
    p = op.params
    if isinstance(p, TokenBucketParams):
        return "t", (p.refill_rate, p.interval * 1000, p.capacity, op.requested)
    if isinstance(p, FixedWindowParams):
        return "f", (p.max, p.window * 1000, op.requested, 0)
    if isinstance(p, SlidingWindowParams):
        return "s", (p.max, p.interval * 1000, op.requested, 0)
    raise TypeError(f"unknown rate-limit params: {p!r}")


def outcomes(ops: Sequence[Op], reply: Any) -> list[Outcome]:
    """The script's reply, a string of four integers per op (flag, count,
    milliseconds, retry milliseconds), as one outcome per op."""
    if not isinstance(reply, (bytes, str)):
        raise ProtocolError(f"unexpected reply from the script: {reply!r}"[:200])
    values = reply.split()
    if len(values) != 4 * len(ops):
        raise ProtocolError(f"the script answered {len(values)} values for {len(ops)} ops")
    if len(ops) == 1:
        flag, count, ms, retry = values
        return [outcome(ops[0], flag, count, ms, retry)]
    return [outcome(op, *values[n : n + 4]) for n, op in zip(range(0, len(values), 4), ops, strict=True)]


def outcome(op: Op, flag: bytes | str, count: bytes | str, ms: bytes | str, retry: bytes | str) -> Outcome:
    if isinstance(op, SuspicionOp):
        return SuspicionOutcome(flag == b"1" or flag == "1", int(count), int(ms) / 1000)
    p = op.params
    if isinstance(p, TokenBucketParams):
        limit, window = p.capacity, p.interval
    elif isinstance(p, FixedWindowParams):
        limit, window = p.max, p.window
    else:
        limit, window = p.max, p.interval
    return LimitOutcome(flag == b"1" or flag == "1", limit, int(count), int(ms) / 1000, window, int(retry) / 1000)


class Script:
    """run.lua for one key prefix: what to send for a request, and how to read
    the answer. ``key_slot`` (a Cluster's slot of a key) makes one call per slot."""

    __slots__ = ("_args_memo", "_eval_head", "_key_memos", "_sha_head", "key_slot", "prefix", "sha", "text")

    def __init__(self, prefix: str, key_slot: Callable[[bytes], int] | None = None) -> None:
        self.prefix = prefix
        self.key_slot = key_slot
        self.text = load_script()
        self.sha = hashlib.sha1(self.text.encode()).hexdigest()
        self._sha_head = bulk(b"EVALSHA") + bulk(self.sha.encode())
        self._eval_head = bulk(b"EVAL") + bulk(self.text.encode())
        # Per client: the key's bulk string (bytes, nothing for the GC to walk).
        self._key_memos: dict[str, BoundedMemo[str, bytes]] = {
            kind: BoundedMemo(KEY_MEMO_SIZE) for kind in "tfsx"
        }
        # Per rule (and requested amount): the arguments' bulk strings.
        self._args_memo: BoundedMemo[tuple[Any, ...], bytes] = BoundedMemo(1024)

    def slot_groups(self, ops: Sequence[Op]) -> list[tuple[list[int], list[Op]]]:
        """A Cluster's ops grouped by slot, one script call each, with the
        ops' places in the request."""
        key_slot = self.key_slot
        assert key_slot is not None  # only a Cluster's script groups by slot
        by_slot: dict[int, tuple[list[int], list[Op]]] = {}
        for index, op in enumerate(ops):
            slot = key_slot(self.key(op))
            group = by_slot.get(slot)
            if group is None:
                group = by_slot[slot] = ([], [])
            group[0].append(index)
            group[1].append(op)
        return list(by_slot.values())

    # -- encoders ------------------------------------------------------------

    def wire(self, by_sha: bool, ops: Sequence[Op]) -> bytes:
        """The call as RESP bytes, for the store's own links."""
        head = self._sha_head if by_sha else self._eval_head
        if len(ops) == 1:
            key, args = self._bulks(ops[0])
            return b"".join((b"*9\r\n", head, b"$1\r\n1\r\n", key, args))
        pairs = [self._bulks(op) for op in ops]
        count = len(ops)
        return b"".join(
            (b"*%d\r\n" % (3 + 6 * count), head, bulk(b"%d" % count), *[k for k, _ in pairs], *[a for _, a in pairs])
        )

    def args(self, by_sha: bool, ops: Sequence[Op]) -> tuple[Any, ...]:
        """The call as redis-py command arguments, for its Cluster client."""
        keys = [self.key(op) for op in ops]
        argv: list[Any] = []
        for op in ops:
            kind, ints = pack(op)
            argv.append(kind)
            argv.extend(ints)
        head = ("EVALSHA", self.sha) if by_sha else ("EVAL", self.text)
        return (*head, len(keys), *keys, *argv)

    def key(self, op: Op) -> bytes:
        """The op's storage key."""
        key_bulk = self._key_bulk(kind_of(op), op.key)
        return key_bulk[key_bulk.index(b"\n") + 1 : -2]

    def _bulks(self, op: Op) -> tuple[bytes, bytes]:
        """The op's key and its five arguments (kind, four integers) as bulk strings."""
        if isinstance(op, LimitOp):
            memo_key: tuple[Any, ...] = (op.params, op.requested)
        else:
            memo_key = (op.add, op.threshold, op.window_seconds, op.block_seconds)
        args = self._args_memo.get(memo_key)
        if args is None:
            kind, ints = pack(op)
            args = self._args_memo.put(memo_key, bulk(kind.encode()) + b"".join(bulk(b"%d" % i) for i in ints))
        return self._key_bulk(kind_of(op), op.key), args

    def _key_bulk(self, kind: str, key: str) -> bytes:
        memo = self._key_memos[kind]
        found = memo.get(key)
        if found is None:
            found = memo.put(key, bulk(storage_key(self.prefix, kind, key).encode()))
        return found


def answer_or_noscript(ops: Sequence[Op], reply: Any) -> list[Outcome] | None:
    """The outcomes in the reply to EVALSHA, or None for NOSCRIPT: the server
    does not hold the script (a restart, a flush), so the call goes again as
    EVAL, which runs it and caches it there for the next EVALSHA."""
    if isinstance(reply, ErrorReply) and reply.startswith("NOSCRIPT"):
        return None
    return answer(ops, reply)


def answer(ops: Sequence[Op], reply: Any) -> list[Outcome]:
    """The outcomes in a reply; any error reply raises ``ReplyError``."""
    if isinstance(reply, ErrorReply):
        raise ReplyError(str(reply))
    return outcomes(ops, reply)


def drive(script: Script, ops: Sequence[Op], encode: Encoder[P], send: Callable[[P], Any]) -> list[Outcome]:
    """A request's script calls over a blocking transport: its outcomes, in op order."""
    if script.key_slot is None:
        got = answer_or_noscript(ops, send(encode(True, ops)))
        return answer(ops, send(encode(False, ops))) if got is None else got
    results: list[Any] = [None] * len(ops)
    for indexes, group in script.slot_groups(ops):
        got = answer_or_noscript(group, send(encode(True, group)))
        if got is None:
            got = answer(group, send(encode(False, group)))
        for index, result in zip(indexes, got, strict=True):
            results[index] = result
    return results


async def drive_async(
    script: Script, ops: Sequence[Op], encode: Encoder[P], send: Callable[[P], Awaitable[Any]]
) -> list[Outcome]:
    """``drive`` over an asyncio transport."""
    if script.key_slot is None:
        got = answer_or_noscript(ops, await send(encode(True, ops)))
        return answer(ops, await send(encode(False, ops))) if got is None else got
    results: list[Any] = [None] * len(ops)
    for indexes, group in script.slot_groups(ops):
        got = answer_or_noscript(group, await send(encode(True, group)))
        if got is None:
            got = answer(group, await send(encode(False, group)))
        for index, result in zip(indexes, got, strict=True):
            results[index] = result
    return results

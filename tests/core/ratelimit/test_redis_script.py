"""The I/O-free core of the Redis store: what a request sends, in which order,
and how replies become outcomes, driven by a scripted fake transport (the
real servers are in test_redis.py and the fault suites)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    Op,
    SlidingWindowParams,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
)
from arcjet_core.ratelimit._redis_script import Script, drive, drive_async, outcomes, storage_key
from arcjet_core.ratelimit._resp import ErrorReply, ProtocolError, ReplyError, parse_reply

SEP = "\x1f"
TB = LimitOp(f"ns{SEP}tb{SEP}fp-a", TokenBucketParams(1, 10, 5), 2)
FW = LimitOp(f"ns{SEP}fw{SEP}fp-a", FixedWindowParams(7, 60), 1)
SW = LimitOp(f"ns{SEP}sw{SEP}fp-b", SlidingWindowParams(9, 30), 1)
SUS = SuspicionOp(f"ns{SEP}shield{SEP}fp-a", 1, 5, 60, 120)
NOSCRIPT = ErrorReply("NOSCRIPT No matching script. Please use EVAL.")


def reply_for(ops: list[Op]) -> bytes:
    """What run.lua answers: four integers per op."""
    return b" ".join(b"1 %d 1000 0" % n for n, _ in enumerate(ops))


class Fake:
    """A transport that records what it is sent and answers from a script."""

    def __init__(self, *answers: Any) -> None:
        self.sent: list[Any] = []
        self.answers = list(answers)

    def __call__(self, command: Any) -> Any:
        self.sent.append(command)
        return self.answers.pop(0)


def test_storage_keys_are_prefixed_hash_tagged_by_fingerprint_and_bounded() -> None:
    a, b = storage_key("p", "t", TB.key), storage_key("p", "x", SUS.key)
    assert a.split("}")[0] == b.split("}")[0]  # one fingerprint, one tag: one Cluster slot
    assert a != b and a.startswith("p:{") and "fp-a" not in a
    assert len(storage_key("p", "t", "k" * 10_000)) == len(a)
    assert Script("p").key(TB) == a.encode()


def test_one_request_is_one_evalsha_of_every_op() -> None:
    script = Script("p")
    ops: list[Op] = [TB, FW, SW, SUS]
    fake = Fake(reply_for(ops))
    got = drive(script, ops, script.wire, fake)
    assert len(fake.sent) == 1
    assert fake.sent[0].startswith(b"*27\r\n$7\r\nEVALSHA\r\n$40\r\n" + script.sha.encode())
    assert [o.remaining if isinstance(o, LimitOutcome) else o.score for o in got] == [0, 1, 2, 3]
    assert [type(o) for o in got] == [LimitOutcome] * 3 + [SuspicionOutcome]


def test_the_wire_is_the_command_redis_py_would_send() -> None:
    script = Script("p")
    cases: list[list[Op]] = [[TB], [TB, SUS], [FW, SW, SUS]]
    for ops in cases:
        wire = script.wire(True, ops)
        args = script.args(True, ops)
        parts = [a if isinstance(a, bytes) else str(a).encode() for a in args]
        assert parse_reply(wire) == (parts, len(wire))
        assert parts[3 : 3 + len(ops)] == [script.key(op) for op in ops]  # the keys, in op order


def test_noscript_is_answered_by_eval_once() -> None:
    script = Script("p")
    fake = Fake(NOSCRIPT, reply_for([TB]))
    (got,) = drive(script, [TB], script.wire, fake)
    assert isinstance(got, LimitOutcome) and got.allowed
    assert [c.split(b"\r\n")[2] for c in fake.sent] == [b"EVALSHA", b"EVAL"]
    assert script.text.encode() in fake.sent[1]


def test_noscript_after_eval_and_other_error_replies_raise() -> None:
    script = Script("p")
    with pytest.raises(ReplyError, match="NOSCRIPT"):
        drive(script, [TB], script.wire, Fake(NOSCRIPT, NOSCRIPT))
    with pytest.raises(ReplyError, match="READONLY"):
        drive(script, [TB], script.wire, Fake(ErrorReply("READONLY You can't write")))


def test_cluster_calls_one_per_slot_and_outcomes_in_op_order() -> None:
    fp_b_tag = storage_key("p", "s", SW.key).split("}")[0].encode()  # b"p:{<fp-b's digest>"
    script = Script("p", key_slot=lambda key: 0 if key.startswith(fp_b_tag) else 1)
    ops: list[Op] = [TB, SW, FW]  # TB and FW share fp-a's tag; SW is fp-b
    fake = Fake(b"1 10 1000 0 1 30 1000 0", b"0 20 1000 500")
    got = drive(script, ops, script.args, fake)
    assert [len(c) for c in fake.sent] == [3 + 2 + 10, 3 + 1 + 5]
    assert [o.remaining for o in got if isinstance(o, LimitOutcome)] == [10, 20, 30]
    assert [o.allowed for o in got if isinstance(o, LimitOutcome)] == [True, False, True]


def test_the_async_driver_takes_the_same_steps() -> None:
    script = Script("p")
    fake = Fake(NOSCRIPT, reply_for([TB, SUS]))

    async def send(command: bytes) -> Any:
        await asyncio.sleep(0)
        return fake(command)

    got = asyncio.run(drive_async(script, [TB, SUS], script.wire, send))
    assert len(fake.sent) == 2 and isinstance(got[1], SuspicionOutcome)


@pytest.mark.parametrize("cluster", [False, True])
def test_the_two_drivers_send_the_same_and_read_the_same(cluster: bool) -> None:
    """drive and drive_async are twins: same commands in the same order, same
    outcomes, NOSCRIPT answered per call (per slot on a Cluster)."""
    fp_b_tag = storage_key("p", "s", SW.key).split("}")[0].encode()
    script = Script("p", key_slot=(lambda key: 0 if key.startswith(fp_b_tag) else 1) if cluster else None)
    ops: list[Op] = [TB, SW, SUS]
    if cluster:  # fp-a's call (TB, SUS) is refused once; fp-b's (SW) is not
        answers: list[Any] = [NOSCRIPT, b"1 10 1000 0 0 3 0 0", b"0 20 1000 500"]
    else:
        answers = [NOSCRIPT, b"1 10 1000 0 0 20 1000 500 0 3 0 0"]
    sync_fake, async_fake = Fake(*answers), Fake(*answers)

    async def send(command: Any) -> Any:
        await asyncio.sleep(0)
        return async_fake(command)

    got = drive(script, ops, script.args, sync_fake)
    got_async = asyncio.run(drive_async(script, ops, script.args, send))
    assert got == got_async
    assert sync_fake.sent == async_fake.sent and not sync_fake.answers and not async_fake.answers
    assert [c[0] for c in sync_fake.sent] == ["EVALSHA", "EVAL", "EVALSHA"] if cluster else ["EVALSHA", "EVAL"]
    assert [(o.allowed, o.remaining) for o in got if isinstance(o, LimitOutcome)] == [(True, 10), (False, 20)]
    assert isinstance(got[2], SuspicionOutcome) and got[2].score == 3


values = st.integers(min_value=-(2**53), max_value=2**53)


@given(st.lists(st.tuples(st.booleans(), values, values, values), min_size=1, max_size=6))
def test_replies_decode_for_every_kind(rows: list[tuple[bool, int, int, int]]) -> None:
    kinds: list[Op] = [TB, FW, SW, SUS]
    ops = [kinds[n % 4] for n in range(len(rows))]
    reply = b" ".join(b"%d %d %d %d" % (flag, count, ms, retry) for flag, count, ms, retry in rows)
    for wire in (reply, reply.decode()):  # redis-py's Cluster client may decode replies
        got = outcomes(ops, wire)
        for o, (flag, count, ms, retry) in zip(got, rows, strict=True):
            if isinstance(o, LimitOutcome):
                assert (o.allowed, o.remaining, o.reset_seconds, o.retry_after_seconds) == (
                    flag, count, ms / 1000, retry / 1000)  # fmt: skip
            else:
                assert (o.blocked, o.score, o.block_remaining_seconds) == (flag, count, ms / 1000)


def test_a_reply_of_the_wrong_shape_is_a_protocol_error() -> None:
    for bad in (b"1 2 3", [1, 2, 3, 4], None, b"1 2 3 4 5"):
        with pytest.raises(ProtocolError):
            outcomes([TB], bad)

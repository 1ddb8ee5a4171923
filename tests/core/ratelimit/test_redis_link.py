"""The links' reading of replies the real server rarely produces on demand: a
reply in pieces, stray bytes after it, a close or a stall in the middle. A
one-connection TCP peer in a thread plays the server and answers each
command with chunks we choose (real servers run in the other suites)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from arcjet_core.ratelimit import _redis_link
from arcjet_core.ratelimit._redis_config import LinkSpec
from arcjet_core.ratelimit._redis_link import Link
from arcjet_core.ratelimit._redis_link_async import open_link
from arcjet_core.ratelimit._resp import ErrorReply, command

PING = command("PING")


class Peer:
    """Accepts one connection; for each command received sends ``chunks``
    (bytes, a float to sleep, or None to close)."""

    def __init__(self, *chunks: bytes | float | None) -> None:
        self.chunks = chunks
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn:
            conn.recv(65536)
            for chunk in self.chunks:
                if chunk is None:
                    return
                if isinstance(chunk, float):
                    time.sleep(chunk)
                else:
                    conn.sendall(chunk)
            time.sleep(1.0)  # hold the connection open until the test is done

    def spec(self) -> LinkSpec:
        return LinkSpec(host="127.0.0.1", port=self.port)

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def peers() -> Iterator[list[Peer]]:
    made: list[Peer] = []
    yield made
    for peer in made:
        peer.close()


@pytest.fixture(params=["kernel timeouts", "python timeouts"])
def timeouts(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways a sync link bounds a call: SO_RCVTIMEO/SO_SNDTIMEO on Linux,
    the socket's Python timeout elsewhere and on TLS."""
    monkeypatch.setattr(_redis_link, "_KERNEL_TIMEOUTS", _redis_link._KERNEL_TIMEOUTS and request.param == "kernel timeouts")


def peer(peers: list[Peer], *chunks: bytes | float | None) -> Peer:
    made = Peer(*chunks)
    peers.append(made)
    return made


CASES = {
    "in pieces": ((b"$10\r\n1 2 ", 0.02, b"3000 0\r\n"), b"1 2 3000 0", True),
    "one byte at a time": (tuple(b for c in b"$3\r\nabc\r\n" for b in (bytes([c]), 0.002)), b"abc", True),
    "stray bytes after": ((b"+PONG\r\n+EXTRA\r\n",), b"PONG", False),
    "an error reply": ((b"-ERR nope\r\n",), ErrorReply("ERR nope"), True),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.usefixtures("timeouts")
def test_sync_link_reads_one_whole_reply(peers: list[Peer], case: str) -> None:
    chunks, value, clean = CASES[case]
    link = Link(peer(peers, *chunks).spec(), connect_timeout=1, timeout=1)
    assert link.call(PING) == value
    time.sleep(0.01)
    assert link.clean() is clean  # stray bytes: the link must not be reused
    link.close()


@pytest.mark.parametrize("case", list(CASES))
def test_async_link_reads_one_whole_reply(peers: list[Peer], case: str) -> None:
    chunks, value, clean = CASES[case]

    async def scenario() -> None:
        link = await open_link(peer(peers, *chunks).spec(), 1, 1)
        assert await link.call(PING) == value
        await asyncio.sleep(0.01)
        assert link.clean() is clean
        link.close()
        await link.wait_closed(1)

    asyncio.run(scenario())


FAULTS = {
    "closed mid-reply": ((b"$11\r\n1 2", None), ConnectionError),
    "closed before replying": ((None,), ConnectionError),
    "stalled mid-reply": ((b"$11\r\n1 2",), TimeoutError),
    "garbage": ((b"HTTP/1.1 400 Bad Request\r\n",), ConnectionError),
}


@pytest.mark.parametrize("case", list(FAULTS))
@pytest.mark.usefixtures("timeouts")
def test_sync_link_faults_are_connection_or_timeout_errors(peers: list[Peer], case: str) -> None:
    chunks, error = FAULTS[case]
    link = Link(peer(peers, *chunks).spec(), connect_timeout=1, timeout=0.2)
    started = time.monotonic()
    with pytest.raises(error):
        link.call(PING)
    assert time.monotonic() - started < 0.5  # the whole reply is bounded by the timeout
    link.close()


MANY = {
    "replies in pieces": ((b"+PONG\r\n$3\r\nab", 0.02, b"c\r\n-ERR nope\r\n"),
                          [b"PONG", b"abc", ErrorReply("ERR nope")], True),
    "stray bytes after": ((b"+A\r\n+B\r\n+C\r\n+EXTRA\r\n",), [b"A", b"B", b"C"], False),
}


@pytest.mark.parametrize("case", list(MANY))
@pytest.mark.usefixtures("timeouts")
def test_sync_link_pipelines_commands_and_reads_every_reply(peers: list[Peer], case: str) -> None:
    chunks, values, clean = MANY[case]
    link = Link(peer(peers, *chunks).spec(), connect_timeout=1, timeout=1)
    assert link.call_many([PING] * 3) == values
    time.sleep(0.01)
    assert link.clean() is clean
    link.close()


@pytest.mark.parametrize("case", list(FAULTS))
@pytest.mark.usefixtures("timeouts")
def test_sync_link_pipeline_faults_are_connection_or_timeout_errors(peers: list[Peer], case: str) -> None:
    chunks, error = FAULTS[case]
    link = Link(peer(peers, b"+PONG\r\n", *chunks).spec(), connect_timeout=1, timeout=0.2)
    started = time.monotonic()
    with pytest.raises(error):
        link.call_many([PING, PING])
    assert time.monotonic() - started < 0.5  # every reply within the one timeout
    link.close()


@pytest.mark.parametrize("case", list(FAULTS))
def test_async_link_faults_are_connection_or_timeout_errors(peers: list[Peer], case: str) -> None:
    chunks, error = FAULTS[case]

    async def scenario() -> None:
        link = await open_link(peer(peers, *chunks).spec(), 1, 0.2)
        with pytest.raises((error, asyncio.TimeoutError)):
            await link.call(PING)
        assert not link.clean()
        link.close()
        await link.wait_closed(1)

    asyncio.run(scenario())

"""NO_GRAVATAR against a local HTTP server standing in for Gravatar, sync
and async: found, missing, failures, timeouts, the cache, and the URL."""

from __future__ import annotations

import hashlib

import pytest

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.gravatar import GRAVATAR_URL, GravatarChecker, avatar_hash, check_gravatar_url

from .http_server import AvatarServer

MODES = ["sync", "async"]


async def check(checker: GravatarChecker, server: AvatarServer, address: str, mode: str,
                timeout: float = 2.0) -> bool | str:
    if mode == "sync":
        return checker.check(address, server.url, timeout)
    return await checker.check_async(address, server.url, timeout)


def test_the_hash_is_sha256_of_the_trimmed_lowercase_address() -> None:
    assert avatar_hash(" Ada@Example.COM ") == hashlib.sha256(b"ada@example.com").hexdigest()


@pytest.mark.parametrize("mode", MODES)
async def test_found_and_missing(avatar_server: AvatarServer, mode: str) -> None:
    avatar_server.add("ada@example.com")
    checker = GravatarChecker()
    assert await check(checker, avatar_server, "Ada@Example.com", mode) is False
    assert await check(checker, avatar_server, "nobody@example.com", mode) is True
    path = avatar_server.requests[0]
    assert path.startswith("/avatar/" + avatar_hash("ada@example.com")) and "d=404" in path
    assert "ada" not in path.lower().split("?")[0].rsplit("/", 1)[-1]  # only the hash leaves


@pytest.mark.parametrize("mode", MODES)
async def test_answers_are_cached(avatar_server: AvatarServer, mode: str) -> None:
    checker = GravatarChecker()
    for _ in range(3):
        assert await check(checker, avatar_server, "nobody@example.com", mode) is True
    assert len(avatar_server.requests) == 1


@pytest.mark.parametrize("mode", MODES)
async def test_server_errors_are_unknown_and_not_cached(avatar_server: AvatarServer, mode: str) -> None:
    checker = GravatarChecker()
    avatar_server.status = 503
    assert await check(checker, avatar_server, "ada@example.com", mode) == "Gravatar answered HTTP 503"
    avatar_server.status = None
    assert await check(checker, avatar_server, "ada@example.com", mode) is True
    assert len(avatar_server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
async def test_timeout(avatar_server: AvatarServer, mode: str) -> None:
    avatar_server.delay = 0.5
    assert await check(GravatarChecker(), avatar_server, "ada@example.com", mode, timeout=0.1) == (
        "Gravatar lookup timed out")


@pytest.mark.parametrize("mode", MODES)
async def test_connection_refused(mode: str) -> None:
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    checker = GravatarChecker()
    url = f"http://127.0.0.1:{port}/avatar/"
    finding = checker.check("a@example.com", url, 1.0) if mode == "sync" else await checker.check_async(
        "a@example.com", url, 1.0)
    assert isinstance(finding, str) and finding.startswith("Gravatar lookup failed: ConnectError")


def test_url_must_be_https_except_to_loopback() -> None:
    assert check_gravatar_url(GRAVATAR_URL) == GRAVATAR_URL
    assert check_gravatar_url("https://avatars.example/a") == "https://avatars.example/a/"
    assert check_gravatar_url("http://127.0.0.1:8080/avatar/") == "http://127.0.0.1:8080/avatar/"
    for bad in ("http://gravatar.com/avatar/", "ftp://x/", "https://x/?d=1", "https://u:p@x/", "avatar", 3):
        with pytest.raises(ArcjetMisconfiguration, match="gravatar_url"):
            check_gravatar_url(bad)

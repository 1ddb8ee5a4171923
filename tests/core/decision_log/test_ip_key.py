"""log_ip="hashed" on a file log: one key for every process writing the file,
kept beside it, so one client is one hashed address in the report."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from arcjet_core import arcjet_sync, shield
from arcjet_core.decision_log import IP_KEY_ENV, DecisionLog
from arcjet_core.errors import ArcjetMisconfiguration

from .helpers import lines, req

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(IP_KEY_ENV, raising=False)


def logged_ip(path: Path, ip: str, **options: object) -> str:
    with arcjet_sync(key="k", rules=[shield()], decision_log=DecisionLog(path, log_ip="hashed", **options)) as aj:
        aj.protect(req(ip=ip))
        log = aj._observer.log if aj._observer is not None else None
        assert log is not None
        log.close()
    record = lines(path)[-1]
    assert record["ip_mode"] == "hashed"
    return str(record["ip"])


def test_restarts_and_rotations_keep_the_hash(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    first = logged_ip(path, "203.0.113.77")
    key = tmp_path / "d.jsonl.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert first.startswith("h:") and logged_ip(path, "203.0.113.77") == first  # a restart
    assert logged_ip(path, "203.0.113.78") != first
    assert logged_ip(tmp_path / "other.jsonl", "203.0.113.77") != first  # another log, another key
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_a_given_key_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.jsonl"
    given = logged_ip(path, "203.0.113.77", ip_key="k" * 32)
    assert not (tmp_path / "d.jsonl.key").exists()
    monkeypatch.setenv(IP_KEY_ENV, "k" * 32)
    assert logged_ip(path, "203.0.113.77") == given
    assert not (tmp_path / "d.jsonl.key").exists()


def test_a_bad_key_file_is_a_misconfiguration(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl.key").write_text("not hex\n")
    with pytest.raises(ArcjetMisconfiguration, match=r"bad\.jsonl\.key"):
        DecisionLog(tmp_path / "bad.jsonl", log_ip="hashed")
    (tmp_path / "dir.jsonl.key").mkdir()
    with pytest.raises(ArcjetMisconfiguration, match=r"dir\.jsonl\.key.*ARCJET_LOG_IP_KEY"):
        DecisionLog(tmp_path / "dir.jsonl", log_ip="hashed")
    # Other modes never read it.
    DecisionLog(tmp_path / "bad.jsonl", log_ip="truncated").close()


def test_workers_starting_together_share_one_key(tmp_path: Path) -> None:
    """Six processes open the same log at once (a pre-forking server's workers)."""
    path = tmp_path / "d.jsonl"
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r})
        from arcjet_core import arcjet_sync, shield
        start = float(sys.argv[1])
        while time.time() < start:
            pass
        with arcjet_sync(key="k", rules=[shield()], decision_log={str(path)!r}, log_ip="hashed") as aj:
            aj.protect({{"ip": "198.51.100.5", "method": "GET", "path": "/", "headers": {{}}}})
    """)
    env = {k: v for k, v in os.environ.items() if k != IP_KEY_ENV}
    start = __import__("time").time() + 1.5
    workers = [subprocess.Popen([sys.executable, "-c", script, str(start)], env=env) for _ in range(6)]
    assert [w.wait(60) for w in workers] == [0] * 6
    ips = {r["ip"] for r in lines(path)}
    assert len(lines(path)) == 6 and len(ips) == 1


def test_a_per_process_key_is_said_out_loud(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A callable or Redis sink has nowhere to keep a key: with none given,
    each process hashes differently, and a warning says so."""
    from arcjet_core.decision_log import _log

    monkeypatch.setattr(_log, "_warnings", _log.RateLimitedWarning(_log.logger))  # a fresh once-per-interval state
    with caplog.at_level("WARNING", logger="arcjet"):
        DecisionLog([].append, log_ip="hashed").close()
    assert any(IP_KEY_ENV in r.getMessage() and "this process only" in r.getMessage() for r in caplog.records)
    caplog.clear()
    monkeypatch.setattr(_log, "_warnings", _log.RateLimitedWarning(_log.logger))
    with caplog.at_level("WARNING", logger="arcjet"):
        DecisionLog([].append, log_ip="hashed", ip_key="k" * 32).close()
        DecisionLog(tmp_path / "d.jsonl", log_ip="hashed").close()  # the key file: nothing to say
        DecisionLog([].append, log_ip="truncated").close()
    assert not [r for r in caplog.records if "this process only" in r.getMessage()]

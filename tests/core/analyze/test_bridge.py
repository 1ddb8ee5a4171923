from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import wasmtime
from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core.analyze import AnalyzeOutput, Ruleset, _engine, _instance
from arcjet_core.enums import EmailType
from arcjet_core.errors import ArcjetAnalyzerError
from arcjet_core.rules import detect_bot, shield, validate_email

from .helpers import CHROME, GOOGLEBOT, ROOT, ctx, ruleset_of

# cache_size=0: every call crosses into Wasm, which is what these tests are about.
RS = ruleset_of([detect_bot(allow=["CATEGORY:SEARCH_ENGINE"]), validate_email(deny=[EmailType.INVALID])], cache_size=0)


def run(rs: Ruleset = RS, ua: str | None = CHROME, ip: str = "203.0.113.7", email: str | None = "a@example.com") -> AnalyzeOutput:
    return rs.analyze(ctx(ua, ip), email=email)


def test_fast_path_is_the_one_in_use() -> None:
    inst = _instance.current()
    assert inst.path == "unchecked"
    # Prove it by tracing: the generic Func.__call__ is never entered during an
    # analyze call, while the public instance does enter it.
    seen: list[object] = []

    def profiler(frame, event, arg):  # type: ignore[no-untyped-def]
        if event == "call":
            seen.append(frame.f_code)

    run()
    sys.setprofile(profiler)
    try:
        run()
    finally:
        sys.setprofile(None)
    call_code = wasmtime.Func.__call__.__code__
    assert seen, "profiler saw nothing"
    assert call_code not in seen

    public = _instance.Instance(call="public")
    assert public.path == "public"
    handle = json.loads(public.configure(RS._config))["handle"]
    seen.clear()
    sys.setprofile(profiler)
    try:
        public.analyze(handle, RS._encode(ctx(), None))
    finally:
        sys.setprofile(None)
    assert call_code in seen


def test_trap_raises_and_replaces_the_instance() -> None:
    before = run()
    inst = _instance.current()
    with pytest.raises(ArcjetAnalyzerError, match="trapped"):
        inst.call_debug("debug_trap")
    assert inst.broken
    with pytest.raises(ArcjetAnalyzerError):
        inst.analyze(0, b"[]")
    assert _instance.current() is not inst
    assert run() == before  # the replacement is configured lazily and answers the same


def test_deadline_interrupts_a_runaway_call() -> None:
    run()
    inst = _instance.current()
    with pytest.raises(ArcjetAnalyzerError, match="trapped"):
        inst.call_debug("debug_spin", 7, ticks=3)
    assert _instance.current() is not inst
    assert run().outcomes[0].conclusion == "ALLOW"


_TICKER_CHECK = (
    "import threading, time\n"
    "from arcjet_core.analyze import _engine, _instance\n"
    "from arcjet_core.errors import ArcjetAnalyzerError\n"
    "_instance.current()\n"
    "assert [t.name for t in threading.enumerate()] == ['MainThread', 'arcjet-analyzer-epoch'], threading.enumerate()\n"
    "counted = [0]\n"
    "stop = threading.Event()\n"
    "def count():\n"
    "    while not stop.is_set():\n"
    "        counted[0] += 1\n"
    "        time.sleep(0.001)\n"
    "for ticks in (2, 3):\n"
    "    counter = threading.Thread(target=count)\n"
    "    counter.start()\n"
    "    time.sleep(0.01)\n"
    "    before = counted[0]\n"
    "    start = time.monotonic()\n"
    "    try:\n"
    "        _instance.current().call_debug('debug_spin', 1, ticks=ticks)\n"
    "        raise SystemExit('not interrupted')\n"
    "    except ArcjetAnalyzerError:\n"
    "        took = time.monotonic() - start\n"
    "    during = counted[0] - before\n"
    "    stop.set(); counter.join(); stop.clear()\n"
    "    # ticks-1 .. ticks periods, with room for a slow machine\n"
    "    assert (ticks - 1) * _engine.TICK_SECONDS * 0.9 <= took < ticks * _engine.TICK_SECONDS + 1.0, (ticks, took)\n"
    "    # Python threads ran while Wasm spun: the call does not hold the GIL,\n"
    "    # which is what lets the ticker thread advance the epoch at all.\n"
    "    assert during >= 10, during\n"
)


def test_the_epoch_ticker_thread_interrupts_a_running_call_on_time() -> None:
    # The ticker is a daemon thread calling engine.increment_epoch(); it can
    # only cut a spinning call if wasmtime-py releases the GIL during it.
    subprocess.run([sys.executable, "-c", _TICKER_CHECK], cwd=ROOT, check=True, timeout=60)


def test_no_timer_and_no_at_fork_hooks_remain() -> None:
    # Fork safety comes from pid checks on use; nothing relies on hooks that a
    # fork made from C (uWSGI) never runs.
    import inspect

    from arcjet_core.analyze import _ticker

    for module in (_ticker, _instance, _engine):
        source = inspect.getsource(module)
        assert "register_at_fork" not in source
        assert "timer_create" not in source


def test_memory_is_capped() -> None:
    inst = _instance.Instance()
    pages_allowed = _instance.MEMORY_LIMIT // 65536
    assert inst.call_debug("debug_grow", pages_allowed + 1) == -1
    assert inst.call_debug("debug_grow", 1) >= 0


def test_memo_answers_repeats_without_a_call_and_matches_the_analyzer() -> None:
    cached = ruleset_of([detect_bot(allow=["CATEGORY:SEARCH_ENGINE"]), validate_email(deny=[EmailType.INVALID])])
    first = run(cached, ua=GOOGLEBOT, ip="66.249.66.1")
    seen: list[object] = []

    def profiler(frame, event, arg):  # type: ignore[no-untyped-def]
        if event == "call":
            seen.append(frame.f_code)

    sys.setprofile(profiler)
    try:
        again = run(cached, ua=GOOGLEBOT, ip="66.249.66.1")
    finally:
        sys.setprofile(None)
    assert again is first
    assert _instance.Instance.analyze.__code__ not in seen
    assert run(RS, ua=GOOGLEBOT, ip="66.249.66.1") == first  # uncached path agrees


def test_huge_user_agent_is_cut_not_fatal() -> None:
    out = run(ua="curl/8 " + "x" * (4 << 20))
    assert out.outcomes[0].conclusion == "DENY"


def test_unknown_handle_and_garbage_are_error_answers() -> None:
    inst = _instance.current()
    data = RS._encode(ctx(), None)
    assert inst.analyze(10_000, data) == b'{"error":"unknown rule set handle"}'
    assert inst.analyze(0, b"\xff\x00garbage").startswith(b'{"error":"bad request encoding')
    assert not inst.broken


def test_eight_threads_agree_with_one() -> None:
    uas = [CHROME, GOOGLEBOT, "curl/8.4.0", "MyFancyCrawler/1.0", "", "python-requests/2.31"]
    ips = ["66.249.66.1", "198.51.100.7", "2001:db8::1"]
    emails = ["a@example.com", "bad@", None]
    inputs = [(u, i, e) for u in uas for i in ips for e in emails]
    expected = [run(ua=u, ip=i, email=e) for u, i, e in inputs]
    results: dict[int, list[AnalyzeOutput]] = {}
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            got: list[AnalyzeOutput] = []
            for _ in range(20):
                got = [run(ua=u, ip=i, email=e) for u, i, e in inputs]
            results[n] = got
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 8
    for got in results.values():
        assert got == expected


@settings(max_examples=300, deadline=None)
@given(ua=st.text(), header=st.text(), email=st.one_of(st.none(), st.text()), ip=st.text(max_size=60),
       raw=st.binary(max_size=300))
def test_arbitrary_input_never_crashes(ua: str, header: str, email: str | None, ip: str, raw: bytes) -> None:
    rs = ruleset_of([detect_bot(allow=[]), validate_email(deny=[EmailType.INVALID]), shield()], cache_size=0)
    c = ctx(ua + raw.decode("latin-1"), ip, headers=[("x-k", header)], cookies=header, query=header)
    out = rs.analyze(c, email=email)
    assert set(out.outcomes) == {0, 1, 2}
    assert all(o.conclusion in ("ALLOW", "DENY", "ERROR") for o in out.outcomes.values())
    # Raw bytes straight into analyze(): an error answer, never a crash.
    inst = _instance.current()
    handle = rs._handle(inst)
    answer = inst.analyze(handle, raw)
    assert answer.startswith(b"{")


def test_compiled_module_is_cached_on_disk(tmp_path: Path) -> None:
    env = dict(os.environ, ARCJET_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    code = "from arcjet_core.analyze import _instance; print(_instance.Instance().path)"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    files = list((tmp_path / "cache").glob("analyzer-*.cwasm"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "unchecked"
    assert files[0].stat().st_mtime_ns == mtime  # reused, not rewritten


def test_unusable_cache_dir_falls_back_to_compiling(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # world-writable: refuse to load native code from it
    env = dict(os.environ, ARCJET_CACHE_DIR=str(shared), PYTHONPATH=str(ROOT))
    code = "from arcjet_core.analyze import _instance; print(_instance.Instance().path)"
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "unchecked"
    assert list(shared.iterdir()) == []
    assert stat.S_IMODE(shared.stat().st_mode) == 0o777


def test_corrupt_cache_file_is_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "c"
    env = dict(os.environ, ARCJET_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    code = "from arcjet_core.analyze import _instance; print(_instance.Instance().path)"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    (f,) = cache.glob("analyzer-*.cwasm")
    f.write_bytes(b"not a compiled module")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "unchecked"
    assert f.read_bytes() != b"not a compiled module"


def test_engine_settings_are_in_the_cache_key() -> None:
    assert "epoch=1" in _engine._SETTINGS


# The fork scripts fail on any warning, as the suite does, except Python
# 3.12+'s notice that forking a process with threads (here: the ticker) may
# deadlock -- forking with the ticker running is what these tests are about.
_CHILD_WARNINGS = ["-W", "error", "-W", "ignore:This process:DeprecationWarning"]


def test_forked_child_gets_a_fresh_instance_and_ticker() -> None:
    # gunicorn --preload forks after the app (and its clients) exist: the child
    # must not reuse the parent's Store, and deadlines must still fire there.
    code = (
        "import os, sys\n"
        "from arcjet_core.analyze import _instance\n"
        "from arcjet_core.errors import ArcjetAnalyzerError\n"
        "from arcjet_core.rules import detect_bot\n"
        "from tests.core.analyze.helpers import ctx, ruleset_of\n"
        "rs = ruleset_of([detect_bot(allow=[])])\n"
        "parent = _instance.current()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    ok = rs.analyze(ctx('curl/8'), email=None).outcomes[0].conclusion == 'DENY'\n"
        "    inst = _instance.current()\n"
        "    try:\n"
        "        inst.call_debug('debug_spin', 1, ticks=2)\n"
        "        ok = False\n"
        "    except ArcjetAnalyzerError:\n"
        "        pass\n"
        "    os._exit(0 if ok and inst is not parent else 1)\n"
        "_, status = os.waitpid(pid, 0)\n"
        "sys.exit(os.waitstatus_to_exitcode(status))\n"
    )
    subprocess.run([sys.executable, *_CHILD_WARNINGS, "-c", code], cwd=ROOT, check=True, timeout=60)


def _fork_many(fork: str, times: int, setup: str = "") -> None:
    """Runs a script that forks `times` times with `fork` (a callable's name);
    each child must cut a spinning call with its own instance and ticker, and
    exits under an alarm so that a hung child dies of SIGALRM instead of
    hanging the test. The parent must still tick afterwards."""
    code = (
        "import ctypes, os, signal, sys\n"
        "from arcjet_core.analyze import _engine, _instance, _ticker\n"
        "from arcjet_core.errors import ArcjetAnalyzerError\n"
        "def spin_is_cut():\n"
        "    try:\n"
        "        _instance.current().call_debug('debug_spin', 1, ticks=2)\n"
        "    except ArcjetAnalyzerError:\n"
        "        return True\n"
        "    return False\n"
        "parent = _instance.current()\n"
        + setup
        + f"for _ in range({times}):\n"
        f"    pid = {fork}()\n"
        "    if pid == 0:\n"
        "        signal.alarm(10)\n"
        "        assert not _ticker.running_here()\n"
        "        ok = spin_is_cut() and _instance.current() is not parent and _ticker.running_here()\n"
        "        os._exit(0 if ok else 3)\n"
        "    _, status = os.waitpid(pid, 0)\n"
        "    if os.waitstatus_to_exitcode(status) != 0:\n"
        "        sys.exit(f'a forked child failed: {os.waitstatus_to_exitcode(status)}')\n"
        "sys.exit(0 if spin_is_cut() else 'the parent no longer ticks after forking')\n"
    )
    subprocess.run([sys.executable, *_CHILD_WARNINGS, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_forks_at_any_tick_leave_child_and_parent_ticking() -> None:
    _fork_many("os.fork", 10)


def test_a_fork_from_c_renews_the_instance_and_ticker_by_pid() -> None:
    # uWSGI forks its workers from C: no Python at-fork hook runs there. The
    # child notices the pid change on use, builds its own instance and starts
    # its own ticker, so deadlines fire (exit 3 if not). fork_from_c keeps
    # the GIL across fork() and clears pending hand-over requests first:
    # otherwise a child can wait for the GIL forever (before its alarm is set).
    _fork_many("raw_fork", 10, setup="from tests.fixtures.c_fork import fork_from_c as raw_fork\n")


def test_rule_specs_are_not_parts() -> None:
    with pytest.raises(TypeError, match="from_rules"):
        Ruleset([detect_bot(allow=[])])  # type: ignore[list-item]

"""What advances the engine's epoch, so that a call's deadline can fire.

An epoch deadline needs something outside the running call to advance the
epoch: a daemon thread calls the engine's public ``increment_epoch()`` once a
tick. wasmtime-py calls into Wasm through ctypes, which releases the GIL for
the length of the call, so the thread runs while a call spins (a test
provokes a deadline trap to prove it).

The tick is coarse on purpose: each tick takes the GIL, and a wake-up while
a request holds it costs that request a GIL handover. At a 100 ms tick that
is ten handovers a second, whatever the traffic. A deadline of N ticks then
lasts between N-1 and N ticks, so deadlines are counted in whole ticks of at
least two.

Fork safety without at-fork hooks: a thread does not survive ``fork()``, and
a process forked from C (uWSGI's workers) runs no Python hook at all. So the
ticker remembers the pid that started it, and ``ensure()`` (called on every
new analyzer instance, and an instance is renewed whenever its pid is not
the current one) starts a fresh thread in any process that lacks one.
"""

from __future__ import annotations

import os
import threading
import time

import wasmtime

# The pid whose thread advances the epoch; None before the first start.
_pid: int | None = None
# One lock per process: a child forked (from C) while another thread held a
# module-level lock would inherit it held and wait for it forever.
_locks: dict[int, threading.Lock] = {}


def ensure(engine: wasmtime.Engine, tick_seconds: float) -> None:
    """Start this process's ticker thread, once per process (forked children included)."""
    global _pid
    pid = os.getpid()
    if _pid == pid:
        return
    with _locks.setdefault(pid, threading.Lock()):
        if _pid == pid:
            return
        threading.Thread(
            target=_tick, args=(engine, tick_seconds), name="arcjet-analyzer-epoch", daemon=True
        ).start()
        _pid = pid


def running_here() -> bool:
    """True when this process has started its ticker (False in a fresh fork)."""
    return _pid == os.getpid()


def _tick(engine: wasmtime.Engine, tick_seconds: float) -> None:
    # Runs for the life of the process (a daemon thread); a forked child's copy
    # of this thread does not exist, which is what the pid check is for.
    while True:
        time.sleep(tick_seconds)
        engine.increment_epoch()

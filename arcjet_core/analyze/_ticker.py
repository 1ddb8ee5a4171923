"""What advances the engine's epoch, so that a call's deadline can fire.

An epoch deadline needs something outside the running call to advance the
epoch. A Python thread can do it, but it needs the GIL for every tick, and
each time it wakes while a request holds the GIL the interpreter hands the
GIL over and back. Measured on a 2-core VM with ticks every 10 ms: mean
protect() time +21-32 % (a token-bucket request from a new client, 57 -> 75
µs; a shield form post, 28 -> 34 µs desktop-scaled), far more than the tick
itself costs, because each handover waits for the other thread to be
scheduled.

So on Linux the epoch is advanced by a POSIX timer instead: ``timer_create``
with ``SIGEV_THREAD`` has glibc call a function, in a thread of its own,
every tick; the function is wasmtime's own ``wasmtime_engine_increment_epoch``
and its argument the engine, passed as the timer's ``sigval``. No Python
runs and the GIL is never taken. (``union sigval`` is one pointer-sized
integer, passed as the first argument exactly as the engine pointer is, on
the 64-bit Linux ABIs this is enabled for.) glibc runs each notification
in a short-lived thread of its own: measured, an idle process spends 0.3 %
of a core on them. Elsewhere, or if the timer cannot be created, the
Python thread does it.

The timer is deleted before every ``os.fork()`` and made again in the parent
after it. glibc's notifying thread holds a lock (the list of SIGEV_THREAD
timers) while it starts each notification's thread, and a child forked at
that moment inherits the lock held: the child's own ``timer_create`` then
waits for it forever (seen: a forked child hung in about one fork in three).
Deleting the timer takes that lock, and once the timer is gone no further
notification arrives, so no fork happens while the lock is held. A process
forked while a timer ran without that hook having run (a fork made from C,
as uWSGI makes its workers) may hold a copy of the lock taken: there the
Python thread ticks instead.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
import threading
import time
from typing import Any

import wasmtime
from wasmtime import _bindings as bindings

# glibc's values on Linux.
_CLOCK_MONOTONIC = 1
_SIGEV_THREAD = 2
# 64-bit Linux ABIs where a `union sigval` argument travels as a pointer does.
_NATIVE_MACHINES = frozenset({"x86_64", "amd64", "aarch64", "arm64"})


class _SigEvent(ctypes.Structure):
    # struct sigevent on 64-bit glibc: 64 bytes.
    _fields_ = [
        ("sigev_value", ctypes.c_void_p),
        ("sigev_signo", ctypes.c_int),
        ("sigev_notify", ctypes.c_int),
        ("sigev_notify_function", ctypes.c_void_p),
        ("sigev_notify_attributes", ctypes.c_void_p),
        ("_pad", ctypes.c_byte * 32),
    ]


class _TimeSpec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


class _ITimerSpec(ctypes.Structure):
    _fields_ = [("it_interval", _TimeSpec), ("it_value", _TimeSpec)]


class _NativeTimer:
    """One POSIX timer calling `increment(engine)` every `period`; re-made across forks."""

    def __init__(self, functions: tuple[Any, Any, Any], event: _SigEvent, tick_seconds: float,
                 engine: wasmtime.Engine) -> None:
        self._create, self._settime, self._delete = functions
        self._event = event  # what the timer points at, kept alive with it
        ns = int(tick_seconds * 1e9)
        self._period = _TimeSpec(ns // 1_000_000_000, ns % 1_000_000_000)
        self.tick_seconds = tick_seconds
        self.engine = engine  # kept alive while its pointer is the timer's argument
        self._timer: ctypes.c_void_p | None = None

    def start(self) -> bool:
        timer = ctypes.c_void_p()
        if self._create(_CLOCK_MONOTONIC, ctypes.byref(self._event), ctypes.byref(timer)) != 0:
            return False
        if self._settime(timer, 0, ctypes.byref(_ITimerSpec(self._period, self._period)), None) != 0:
            self._delete(timer)
            return False
        self._timer = timer
        return True

    def stop(self) -> None:
        if self._timer is not None:
            self._delete(self._timer)
            self._timer = None


# What advances the epoch in this process: "timer", "thread", or "" before
# either started.
kind = ""
# This process's timers, and the process that made them. A forked child has
# none of them running (the kernel does not copy timers) and makes its own.
_timers: list[_NativeTimer] = []
_timers_pid: int | None = None
# True from our before-fork hook until the hooks after the fork.
_stopped_for_fork = False
# This process was forked while a timer ran, without our before-fork hook
# having stopped it: a fork made from C (uWSGI forks its workers so) runs no
# before-fork hook. glibc's timer lock may then have been copied held, and
# timer_create could wait for it forever; the thread ticks instead.
_lock_may_be_held = False


def _before_fork() -> None:
    global _stopped_for_fork
    for timer in _timers:
        timer.stop()
    _stopped_for_fork = True


def _after_fork_in_parent() -> None:
    global _stopped_for_fork
    _stopped_for_fork = False
    for timer in list(_timers):
        if not timer.start():
            # Deadlines must keep firing: the thread takes over.
            _timers.remove(timer)
            start_thread(timer.engine, timer.tick_seconds)


def _after_fork_in_child() -> None:
    global _stopped_for_fork, _lock_may_be_held
    if _timers and not _stopped_for_fork:
        _lock_may_be_held = True  # the after-fork hook ran without the one before
    _stopped_for_fork = False
    _timers.clear()


def _forked_while_a_timer_ran() -> bool:
    global _lock_may_be_held
    if _timers and _timers_pid != os.getpid():
        # Forked without any of our hooks (from C) while the timers ran.
        _lock_may_be_held = True
        _timers.clear()
    return _lock_may_be_held


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                        after_in_child=_after_fork_in_child)


def _posix_timer_functions() -> tuple[Any, Any, Any] | None:
    for name in (None, "librt.so.1"):  # glibc >= 2.34 has them in libc itself
        try:
            lib = ctypes.CDLL(name, use_errno=True)
            create, settime, delete = lib.timer_create, lib.timer_settime, lib.timer_delete
        except (OSError, AttributeError):
            continue
        create.argtypes = [ctypes.c_int, ctypes.POINTER(_SigEvent), ctypes.POINTER(ctypes.c_void_p)]
        create.restype = ctypes.c_int
        settime.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(_ITimerSpec), ctypes.c_void_p]
        settime.restype = ctypes.c_int
        delete.argtypes = [ctypes.c_void_p]
        delete.restype = ctypes.c_int
        return create, settime, delete
    return None


def start_native(engine: wasmtime.Engine, tick_seconds: float) -> bool:
    """Advance `engine`'s epoch every tick from a POSIX timer; False if unavailable here."""
    global _timers_pid, kind
    if not sys.platform.startswith("linux") or platform.machine().lower() not in _NATIVE_MACHINES:
        return False
    functions = _posix_timer_functions()
    increment = getattr(bindings, "_wasmtime_engine_increment_epoch", None)
    try:
        engine_ptr = engine.ptr()
    except (AttributeError, ValueError):
        return False
    if functions is None or increment is None or _forked_while_a_timer_ran():
        return False
    event = _SigEvent()
    event.sigev_value = ctypes.cast(engine_ptr, ctypes.c_void_p).value
    event.sigev_notify = _SIGEV_THREAD
    event.sigev_notify_function = ctypes.cast(increment, ctypes.c_void_p).value
    timer = _NativeTimer(functions, event, tick_seconds, engine)
    if not timer.start():
        return False
    _timers.append(timer)
    _timers_pid = os.getpid()
    kind = "timer"
    return True


def start_thread(engine: wasmtime.Engine, tick_seconds: float) -> None:
    """Advance `engine`'s epoch every tick from a daemon thread (the fallback)."""
    global kind

    def tick() -> None:
        while True:
            time.sleep(tick_seconds)
            engine.increment_epoch()

    threading.Thread(target=tick, name="arcjet-analyzer-epoch", daemon=True).start()
    kind = "thread"

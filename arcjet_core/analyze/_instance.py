"""One analyzer instance: a wasmtime Store, the instantiated module, and calls.

A Store is not thread-safe, so each thread gets its own instance
(`current()`); asyncio code runs on its loop's thread, so each loop has one
too. Any failure of a call — trap, deadline, memory limit, malformed output —
raises ArcjetAnalyzerError and retires the instance: the next call on that
thread builds a fresh one, so no corrupted state is ever reused.

Everything here uses wasmtime's public API except the hot `analyze` call,
which goes through `_unchecked` (the one module that touches wasmtime-py's
private parts) when its probe passes, and through `Func.__call__` otherwise.
`Instance.path` says which.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import wasmtime

from arcjet_core.errors import ArcjetAnalyzerError

from . import _engine, _unchecked

# The instance's memory cap: what hostile input can make it grow to. It was
# 64 MiB; shield(paranoia_level=...) adds a fixed ~20-27 MiB for the CRS
# program (its 13.5 MiB literal automaton and the regexes compiled as rules
# first need them, up to PL4), which must not eat the room a request needs
# (a multipart body crosses whole, up to 8 MiB, plus shield's memo).
MEMORY_LIMIT = 128 << 20
# Deadlines in epoch ticks (_engine.TICK_SECONDS, 100 ms, each); a deadline
# of N ticks lasts N-1 to N ticks, so an analyze call gets 100-200 ms.
# configure compiles the bot catalogue on first use, so it gets more room.
# A rule set may ask for longer (AnalyzerPart.deadline_ticks: the CRS).
ANALYZE_TICKS = 2
CONFIGURE_TICKS = 20
# The hot path re-arms its deadline at most this often (a foreign call costs
# more than a clock read). The ticker's increments are at least a tick apart,
# so at most one falls between a re-arm and a call inside this window: every
# call still gets 90-200 ms.
DEADLINE_REFRESH_SECONDS = 0.01
# Rule sets accumulate inside an instance; past this many the instance is
# replaced so clients created and dropped at runtime cannot grow it forever.
MAX_HANDLES = 1024

_U64 = (1 << 64) - 1

_SIGNATURES: dict[str, tuple[list[str], list[str]]] = {
    "input_buffer": (["i32"], ["i32"]),
    "configure": (["i32", "i32"], ["i64"]),
    "analyze": (["i32", "i32", "i32"], ["i64"]),
}
_monotonic = time.monotonic


class Instance:
    """A Store plus the analyzer instance inside it. Not thread-safe by design.

    `call` picks how `analyze` crosses: None reads ARCJET_ANALYZER_CALL
    ("auto", "public" or "failing-probe"; see `_unchecked`).
    """

    def __init__(self, wasm: bytes | None = None, *, call: str | None = None) -> None:
        requested = _unchecked.mode() if call is None else call
        if requested not in _unchecked.MODES:
            raise ValueError(f"call must be one of {', '.join(_unchecked.MODES)}, got {requested!r}")
        _engine.ensure_ticker()
        # The process that built this instance: a forked child (from Python or
        # from C, as uWSGI forks) finds another pid and builds its own.
        self.pid = os.getpid()
        self.handles: dict[int, int] = {}
        self.broken = False
        module = _engine.load_module(wasm)
        store = wasmtime.Store(_engine.engine())
        store.set_limits(memory_size=MEMORY_LIMIT)
        store.set_epoch_deadline(CONFIGURE_TICKS)
        try:
            instance = wasmtime.Instance(store, module, [])
        except (wasmtime.WasmtimeError, wasmtime.Trap) as exc:
            raise ArcjetAnalyzerError(f"analyzer failed to instantiate: {exc}") from exc
        exports = instance.exports(store)
        self._store = store
        self._instance = instance
        self._funcs: dict[str, wasmtime.Func] = {}
        for name, (params, results) in _SIGNATURES.items():
            func = exports.get(name)
            if not isinstance(func, wasmtime.Func):
                raise ArcjetAnalyzerError(f"analyzer module lacks the {name} export")
            ty = func.type(store)
            if [str(p) for p in ty.params] != params or [str(r) for r in ty.results] != results:
                raise ArcjetAnalyzerError(f"analyzer export {name} has an unexpected signature")
            self._funcs[name] = func
        memory = exports.get("memory")
        if not isinstance(memory, wasmtime.Memory):
            raise ArcjetAnalyzerError("analyzer module lacks its memory export")
        self._memory = memory
        self.path = _unchecked.choose(_engine.engine(), requested)
        analyze = self._funcs["analyze"]
        self._analyze_call: Callable[[int, int, int], int] = (
            _unchecked.UncheckedCall(store, analyze) if self.path == "unchecked"
            else lambda a, b, c: int(analyze(store, a, b, c)) & _U64
        )
        # When the hot path must re-arm its deadline, and the ticks it armed (see analyze).
        self._deadline_refresh = 0.0
        self._deadline_ticks = ANALYZE_TICKS
        self._size = 0
        self._view = memoryview(b"")
        self._in_ptr = 0
        self._in_cap = 0
        self._refresh_memory()

    # -- memory ---------------------------------------------------------------

    def _refresh_memory(self) -> None:
        # The engine is configured with memory_may_move=False, so the base
        # address is fixed; the size only grows, inside calls. The view over
        # linear memory is rebuilt when a call grew it (checked via the size).
        size = self._memory.data_len(self._store)
        if size != self._size:
            self._size = size
            self._view = memoryview(self._memory.get_buffer_ptr(self._store, size)).cast("B")

    def _reserve_input(self, n: int) -> None:
        ptr = self._call("input_buffer", ANALYZE_TICKS, n) & 0xFFFFFFFF
        self._refresh_memory()
        if ptr + n > self._size:
            raise self._fail("analyzer returned an input buffer outside its memory")
        self._in_ptr, self._in_cap = ptr, n

    def _read_output(self, packed: int) -> bytes:
        ptr, n = packed >> 32, packed & 0xFFFFFFFF
        if ptr + n > self._size:
            self._refresh_memory()
            if ptr + n > self._size:
                raise self._fail("analyzer returned a result outside its memory")
        return bytes(self._view[ptr : ptr + n])

    # -- calls ----------------------------------------------------------------

    def _fail(self, message: str, cause: BaseException | None = None) -> ArcjetAnalyzerError:
        self.broken = True
        _retire(self)
        err = ArcjetAnalyzerError(message)
        if cause is not None:
            err.__cause__ = cause
        return err

    def _call(self, name: str, ticks: int, *args: int) -> int:
        """A call through the public Func API: configure, input_buffer, test hooks."""
        if self.broken:
            raise ArcjetAnalyzerError("analyzer instance was retired after a failure")
        func = self._funcs.get(name) or self._instance.exports(self._store).get(name)
        if not isinstance(func, wasmtime.Func):
            raise ArcjetAnalyzerError(f"analyzer module has no {name} export")
        self._store.set_epoch_deadline(ticks)
        self._deadline_refresh = 0.0
        try:
            result = func(self._store, *args)
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            raise self._fail(f"analyzer trapped in {name}: {_describe(exc)}", exc) from exc
        # As wasm declares it: a signed i32 or i64 (callers mask as they need).
        return int(result) if result is not None else 0

    def configure(self, config: bytes) -> bytes:
        """Configure a rule set (JSON); returns the answer's JSON bytes."""
        n = len(config)
        if n > self._in_cap:
            self._reserve_input(n)
        self._view[self._in_ptr : self._in_ptr + n] = config
        return self._read_output(self._call("configure", CONFIGURE_TICKS, self._in_ptr, n) & _U64)

    def analyze(self, handle: int, data: bytes, ticks: int | None = None) -> bytes:
        """The hot path: one copy in, one call, one copy out, within `ticks`
        epoch ticks (None: ANALYZE_TICKS)."""
        if self.broken:
            raise ArcjetAnalyzerError("analyzer instance was retired after a failure")
        n = len(data)
        if n > self._in_cap:
            self._reserve_input(n)
        in_ptr = self._in_ptr
        self._view[in_ptr : in_ptr + n] = data
        # The deadline is relative to the epoch when it is set: re-armed at
        # most every DEADLINE_REFRESH_SECONDS, so a call never inherits one
        # set a whole tick ago (which could leave it almost no time).
        if ticks is None:
            ticks = ANALYZE_TICKS
        now = _monotonic()
        if now >= self._deadline_refresh or ticks != self._deadline_ticks:
            self._store.set_epoch_deadline(ticks)
            self._deadline_refresh = now + DEADLINE_REFRESH_SECONDS
            self._deadline_ticks = ticks
        try:
            packed = self._analyze_call(handle, in_ptr, n)
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            raise self._fail(f"analyzer trapped in analyze: {_describe(exc)}", exc) from exc
        return self._read_output(packed)

    def call_debug(self, name: str, *args: int, ticks: int = ANALYZE_TICKS) -> int:
        """Call a test hook (`debug_trap`, `debug_spin`, `debug_grow`).

        Exists so tests can prove that traps, deadlines and the memory limit
        are contained; any failure retires this instance like a real one.
        """
        return self._call(name, ticks, *args)


def _describe(exc: Exception) -> str:
    msg = str(exc).strip().splitlines()
    return msg[0] if msg else type(exc).__name__


# -- one instance per thread -------------------------------------------------

_local = threading.local()
_getpid = os.getpid


def current() -> Instance:
    """This thread's instance, created on first use, after a failure, and in
    a forked child (no at-fork hook needed: uWSGI forks from C, where none
    runs; the pid check costs one getpid)."""
    inst: Instance | None = getattr(_local, "instance", None)
    if inst is None or inst.pid != _getpid() or len(inst.handles) > MAX_HANDLES:
        inst = Instance()
        _local.instance = inst
    return inst


def _retire(inst: Instance) -> None:
    if getattr(_local, "instance", None) is inst:
        _local.instance = None

"""One analyzer instance: a wasmtime Store, the instantiated module, and calls.

A Store is not thread-safe, so each thread gets its own instance
(`current()`); asyncio code runs on its loop's thread, so each loop has one
too. Any failure of a call — trap, deadline, memory limit, malformed output —
raises ArcjetAnalyzerError and retires the instance: the next call on that
thread builds a fresh one, so no corrupted state is ever reused.

Calls go through `wasmtime_func_call_unchecked` with preallocated raw-value
arrays and ctypes copies into linear memory: about 1 µs instead of ~20 µs for
`Func.__call__`, which converts every argument and result through `Val`. The
export signatures are checked once at instantiation, which is what makes the
unchecked call sound. If the installed wasmtime lacks that entry point the
checked `Func.__call__` path is used instead (`Instance.path` says which).
"""

from __future__ import annotations

import ctypes
import os
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

import wasmtime
from wasmtime import _bindings as bindings
from wasmtime import _ffi as ffi

from arcjet_core.errors import ArcjetAnalyzerError

from . import _engine

MEMORY_LIMIT = 64 << 20
# Deadlines in epoch ticks (_engine.TICK_SECONDS, 100 ms, each); a deadline
# of N ticks lasts N-1 to N ticks, so an analyze call gets 100-200 ms.
# configure compiles the bot catalogue on first use, so it gets more room.
ANALYZE_TICKS = 2
CONFIGURE_TICKS = 20
# The hot path re-arms its deadline at most this often (a foreign call, ~0.5-1.4
# µs, against ~0.1 for a clock read). The ticker's increments are at least a
# tick apart, so at most one falls between a re-arm and a call inside this
# window: every call still gets 90-200 ms.
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

_call_unchecked: Any = getattr(bindings, "_wasmtime_func_call_unchecked", None)
# The same entry point through a prototype taking plain addresses: ctypes then
# converts Python ints instead of checking pointer types on every call, which
# saves ~0.4 µs a call. Sound because the addresses are taken from the typed
# objects once, at instantiation, and those objects live as long as the Instance.
_P = ctypes.c_void_p
_call_by_address: Any = (
    ctypes.CFUNCTYPE(_P, _P, _P, _P, ctypes.c_size_t, _P)(ctypes.cast(_call_unchecked, _P).value or 0)
    if _call_unchecked is not None
    else None
)
_val_raw: Any = getattr(ffi, "wasmtime_val_raw", None)
_set_deadline: Callable[..., None] = bindings._wasmtime_context_set_epoch_deadline
_memory_data: Callable[..., Any] = bindings._wasmtime_memory_data
_memory_size: Callable[..., int] = bindings._wasmtime_memory_data_size
_monotonic = time.monotonic
# analyze's three i32 arguments in the first four bytes of each 16-byte
# wasmtime_val_raw slot, and its i64 result in the first slot (native order,
# as the union's fields are).
_pack_args: Callable[..., None] = struct.Struct("=I12xI12xI").pack_into
_unpack_result: Callable[..., tuple[int]] = struct.Struct("=Q").unpack_from


def _valtype(t: wasmtime.ValType) -> str:
    return str(t)


class Instance:
    """A Store plus the analyzer instance inside it. Not thread-safe by design."""

    def __init__(self, wasm: bytes | None = None, *, fast: bool = True) -> None:
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
            func = exports.get(name) if hasattr(exports, "get") else exports[name]
            if not isinstance(func, wasmtime.Func):
                raise ArcjetAnalyzerError(f"analyzer module lacks the {name} export")
            ty = func.type(store)
            if [_valtype(p) for p in ty.params] != params or [_valtype(r) for r in ty.results] != results:
                raise ArcjetAnalyzerError(f"analyzer export {name} has an unexpected signature")
            self._funcs[name] = func
        memory = exports["memory"]
        if not isinstance(memory, wasmtime.Memory):
            raise ArcjetAnalyzerError("analyzer module lacks its memory export")
        self._memory = memory
        self._ctx = store._context()
        self._mem_ref = ctypes.byref(memory._memory)
        self._trap = ctypes.POINTER(ffi.wasm_trap_t)()
        self._trap_ref = ctypes.byref(self._trap)
        self.path = (
            "unchecked"
            # _pack_args assumes the 16-byte slot of wasmtime's C API.
            if fast and _call_unchecked is not None and _val_raw is not None and ctypes.sizeof(_val_raw) == 16
            else "checked"
        )
        self._args: Any = (_val_raw * 3)() if _val_raw is not None else None
        # The same three slots as bytes: the hot path writes the arguments and
        # reads the result with one struct call each (~0.2 µs less than three
        # ctypes field writes, each of which builds a union object).
        self._args_bytes = memoryview(self._args).cast("B") if self._args is not None else memoryview(b"")
        self._func_refs = {name: ctypes.byref(f._func) for name, f in self._funcs.items()}
        self._analyze_ref = self._func_refs["analyze"]
        if self._args is not None:
            self._addresses = (
                ctypes.cast(self._ctx, _P).value,
                ctypes.addressof(self._funcs["analyze"]._func),
                ctypes.addressof(self._args),
                3,
                ctypes.addressof(self._trap),
            )
        # When the hot path must re-arm its deadline (see analyze).
        self._deadline_refresh = 0.0
        self._base = 0
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
        size = _memory_size(self._ctx, self._mem_ref)
        if size != self._size or not self._base:
            self._size = size
            self._base = ctypes.cast(_memory_data(self._ctx, self._mem_ref), ctypes.c_void_p).value or 0
            self._view = memoryview((ctypes.c_ubyte * size).from_address(self._base)).cast("B")

    def _write_input(self, data: bytes) -> int:
        n = len(data)
        if n > self._in_cap:
            ptr = self._call("input_buffer", ANALYZE_TICKS, n)
            self._refresh_memory()
            if ptr + n > self._size:
                raise self._fail("analyzer returned an input buffer outside its memory")
            self._in_ptr, self._in_cap = ptr, n
        self._view[self._in_ptr : self._in_ptr + n] = data
        return n

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
        if self.broken:
            raise ArcjetAnalyzerError("analyzer instance was retired after a failure")
        _set_deadline(self._ctx, ticks)
        self._deadline_refresh = 0.0
        if self.path == "unchecked":
            return self._call_fast(name, args)
        try:
            result = self._funcs[name](self._store, *args)
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            raise self._fail(f"analyzer trapped in {name}: {_describe(exc)}", exc) from exc
        return int(result) & _U64

    def _call_fast(self, name: str, args: tuple[int, ...]) -> int:
        raw = self._args
        for i, a in enumerate(args):
            raw[i].i32 = a
        err = _call_unchecked(self._ctx, self._func_refs[name], raw, 3, self._trap_ref)
        if err:
            exc = wasmtime.WasmtimeError._from_ptr(err)
            raise self._fail(f"analyzer failed in {name}: {_describe(exc)}", exc)
        if self._trap:
            trap = wasmtime.Trap._from_ptr(self._trap)
            raise self._fail(f"analyzer trapped in {name}: {_describe(trap)}", trap)
        # An i32 result only defines the low 32 bits of the slot.
        if _SIGNATURES[name][1] == ["i32"]:
            return int(raw[0].i32) & 0xFFFFFFFF
        return int(raw[0].i64) & _U64

    def call_json(self, name: str, data: bytes, handle: int | None = None) -> bytes:
        """Copy `data` in, call `configure` or `analyze`, return the result JSON bytes."""
        n = self._write_input(data)
        if handle is None:
            packed = self._call("configure", CONFIGURE_TICKS, self._in_ptr, n)
        else:
            packed = self._call("analyze", ANALYZE_TICKS, handle, self._in_ptr, n)
        return self._read_output(packed)

    def analyze(self, handle: int, data: bytes) -> bytes:
        """The hot path: one copy in, one call, one copy out."""
        n = len(data)
        if n > self._in_cap or self.path != "unchecked" or self.broken:
            return self.call_json("analyze", data, handle)
        in_ptr = self._in_ptr
        self._view[in_ptr : in_ptr + n] = data
        # The deadline is relative to the epoch when it is set: re-armed at
        # most every DEADLINE_REFRESH_SECONDS, so a call never inherits one
        # set a whole tick ago (which could leave it almost no time).
        now = _monotonic()
        if now >= self._deadline_refresh:
            _set_deadline(self._ctx, ANALYZE_TICKS)
            self._deadline_refresh = now + DEADLINE_REFRESH_SECONDS
        _pack_args(self._args_bytes, 0, handle, in_ptr, n)
        err = _call_by_address(*self._addresses)
        if err or self._trap:
            if err:
                exc: Exception = wasmtime.WasmtimeError._from_ptr(ctypes.cast(err, ctypes.POINTER(ffi.wasmtime_error_t)))
            else:
                exc = wasmtime.Trap._from_ptr(self._trap)
            raise self._fail(f"analyzer trapped in analyze: {_describe(exc)}", exc)
        return self._read_output(_unpack_result(self._args_bytes)[0])

    def call_debug(self, name: str, *args: int, ticks: int = ANALYZE_TICKS) -> int:
        """Call a test hook (`debug_trap`, `debug_spin`, `debug_grow`) through the checked path.

        Exists so tests can prove that traps, deadlines and the memory limit
        are contained; any failure retires this instance like a real one.
        """
        if self.broken:
            raise ArcjetAnalyzerError("analyzer instance was retired after a failure")
        func = self._instance.exports(self._store).get(name)
        if not isinstance(func, wasmtime.Func):
            raise ArcjetAnalyzerError(f"analyzer module has no {name} hook")
        _set_deadline(self._ctx, ticks)
        self._deadline_refresh = 0.0
        try:
            result = func(self._store, *args)
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            raise self._fail(f"analyzer trapped in {name}: {_describe(exc)}", exc) from exc
        return int(result) if result is not None else 0


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

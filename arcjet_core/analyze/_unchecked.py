"""The unchecked call: the one place that uses wasmtime-py's private parts.

wasmtime-py's public ``Func.__call__`` looks the function's type up and
converts every argument and result through ``Val`` on each call, which costs
far more than the analyzer's own work on a typical request. wasmtime's C API
also has ``wasmtime_func_call_unchecked``, which takes the raw values in one
array and trusts the caller on types. wasmtime-py binds it, but privately, so
this module, and nothing else in arcjet, touches:

- ``wasmtime._bindings._wasmtime_func_call_unchecked`` and the ``wasmtime._ffi``
  types ``wasmtime_val_raw``, ``wasm_trap_t`` and ``wasmtime_error_t``;
- ``Store._context()`` and ``Func._func``, the C handles of a store and a function;
- ``Trap._from_ptr`` and ``WasmtimeError._from_ptr``, to report a failure
  with the same exception types ``Func.__call__`` raises.

A call is sound because ``UncheckedCall`` checks the export's signature
(through the public ``Func.type``) before it is built, and because
``probe()`` checks, once per process, that the private parts exist with the
C signature expected and behave: a call on a real instance of a tiny module must carry its three
arguments in and its 64-bit result out through the raw array, agree with
``Func.__call__``, report a trap, and work again after one. If anything is
missing or wrong (a wasmtime-py release moved it), the analyzer calls
through ``Func.__call__`` instead: slower, the same results.

``ARCJET_ANALYZER_CALL`` chooses the path (read when an analyzer instance is
built):

- ``auto`` (the default): the unchecked call when the probe passes, else the
  public one;
- ``public``: always the public ``Func.__call__``, no probe;
- ``failing-probe``: run the probe with a wrong expectation, so that it fails
  and the fallback runs as it would after a wasmtime-py change (for tests).
"""

from __future__ import annotations

import ctypes
import logging
import os
import struct
from collections.abc import Callable
from typing import Any

import wasmtime

from arcjet_core.errors import ArcjetMisconfiguration

logger = logging.getLogger("arcjet")

ENV = "ARCJET_ANALYZER_CALL"
MODES = ("auto", "public", "failing-probe")
# The only signature called unchecked: analyze(handle, ptr, len) -> packed.
PARAMS = ("i32", "i32", "i32")
RESULTS = ("i64",)

# wasmtime_val_raw is a 16-byte union: each i32 argument sits in the first
# four bytes of its slot, the i64 result in the first eight of slot 0, in
# native byte order (as the union's fields are). One struct call each way is
# cheaper than three ctypes field writes, each of which builds a union object.
_SLOT_BYTES = 16
_pack_args: Callable[..., None] = struct.Struct("=I12xI12xI").pack_into
_unpack_result: Callable[..., tuple[int]] = struct.Struct("=Q").unpack_from
_P = ctypes.c_void_p
_U64 = (1 << 64) - 1

_PROBE_WAT = """
(module
  (func (export "pack") (param i32 i32 i32) (result i64)
    local.get 0
    i64.extend_i32_u
    i64.const 32
    i64.shl
    local.get 1
    i64.extend_i32_u
    i64.or
    local.get 2
    i64.extend_i32_u
    i64.add)
  (func (export "trap") (param i32 i32 i32) (result i64)
    unreachable))
"""
# Unsigned, high bits set, distinct per slot: a swapped, sign-extended or
# truncated value cannot give the expected result.
_PROBE_ARGS = (0xDEADBEEF, 0x01020304, 0xFFFFFFFF)


def mode() -> str:
    """The path ARCJET_ANALYZER_CALL asks for; an unknown value is a misconfiguration."""
    value = os.environ.get(ENV, "").strip().lower() or "auto"
    if value not in MODES:
        raise ArcjetMisconfiguration(f"{ENV} must be one of {', '.join(MODES)}, got {value!r}")
    return value


class _Private:
    """The private parts, looked up together; any that is missing fails the probe."""

    def __init__(self) -> None:
        from wasmtime import _bindings, _ffi

        self.val_raw: Any = _ffi.wasmtime_val_raw
        self.trap_t: Any = _ffi.wasm_trap_t
        self.error_t: Any = _ffi.wasmtime_error_t
        call = _bindings._wasmtime_func_call_unchecked
        if ctypes.sizeof(self.val_raw) != _SLOT_BYTES:
            raise TypeError(f"wasmtime_val_raw is {ctypes.sizeof(self.val_raw)} bytes, not {_SLOT_BYTES}")
        # The binding is generated from the C header of the bundled library:
        # a changed C signature shows here, before any call could misuse it.
        args = list(call.argtypes)
        pointee = [getattr(t, "_type_", None) for t in args]
        if (len(args) != 5 or pointee[1] is not _ffi.wasmtime_func or pointee[2] is not self.val_raw
                or args[3] is not ctypes.c_size_t or getattr(pointee[4], "_type_", None) is not self.trap_t
                or getattr(call.restype, "_type_", None) is not self.error_t):
            raise TypeError(f"wasmtime_func_call_unchecked takes {call.argtypes} -> {call.restype}")
        # The same entry point through a prototype taking plain addresses:
        # ctypes then converts ints instead of checking pointer types on every
        # call. The addresses are taken from the typed objects once, in
        # UncheckedCall, which keeps those objects alive.
        address = ctypes.cast(call, _P).value
        if not address:
            raise TypeError("wasmtime_func_call_unchecked has no address")
        self.call: Any = ctypes.CFUNCTYPE(_P, _P, _P, _P, ctypes.c_size_t, _P)(address)


_private: _Private | None = None
# The probe's verdicts, by `failing`. No lock: two threads racing to the
# first instance both probe, harmlessly (and a lock held across a fork from
# C would stay held in the child).
_verdicts: dict[bool, str | None] = {}


class UncheckedCall:
    """Calls one ``(i32, i32, i32) -> i64`` export through the raw-value array.

    Raises ``wasmtime.Trap`` or ``wasmtime.WasmtimeError`` as ``Func.__call__``
    does; returns the result as an unsigned 64-bit int. Not thread-safe (nor
    is the store). Build it only after ``probe()`` passed.
    """

    __slots__ = ("_addresses", "_args", "_bytes", "_call", "_func", "_private", "_store", "_trap")

    def __init__(self, store: wasmtime.Store, func: wasmtime.Func) -> None:
        ty = func.type(store)
        if tuple(map(str, ty.params)) != PARAMS or tuple(map(str, ty.results)) != RESULTS:
            raise ValueError(f"an unchecked call needs a {PARAMS} -> {RESULTS} function")
        private = _load()
        self._private = private
        self._call = private.call
        # The store and function stay referenced: their C handles must
        # outlive the addresses below.
        self._store = store
        self._func = func
        self._args = (private.val_raw * len(PARAMS))()
        self._bytes = memoryview(self._args).cast("B")
        self._trap = ctypes.POINTER(private.trap_t)()
        self._addresses = (
            ctypes.cast(store._context(), _P).value,
            ctypes.addressof(func._func),
            ctypes.addressof(self._args),
            len(PARAMS),
            ctypes.addressof(self._trap),
        )

    def __call__(self, a: int, b: int, c: int) -> int:
        raw = self._bytes
        _pack_args(raw, 0, a, b, c)
        err = self._call(*self._addresses)
        if err or self._trap:
            raise self._failure(err)
        return _unpack_result(raw)[0]

    def _failure(self, err: int | None) -> Exception:
        private = self._private
        if err:
            return wasmtime.WasmtimeError._from_ptr(ctypes.cast(err, ctypes.POINTER(private.error_t)))
        # The trap now belongs to the exception (which frees it); the slot
        # wasmtime writes to is cleared, so the next call starts clean.
        trap = ctypes.cast(self._trap, ctypes.POINTER(private.trap_t))
        ctypes.memset(ctypes.addressof(self._trap), 0, ctypes.sizeof(self._trap))
        return wasmtime.Trap._from_ptr(trap)


def _load() -> _Private:
    global _private
    if _private is None:
        _private = _Private()
    return _private


def probe(engine: wasmtime.Engine, *, failing: bool = False) -> str | None:
    """None when the unchecked call works with the installed wasmtime; else why not.

    Runs once per process (the verdict is kept; a forked child inherits it).
    ``failing`` expects a wrong result, so that the probe fails for real.
    """
    if failing not in _verdicts:
        try:
            _verdicts[failing] = _run_probe(engine, failing)
        except Exception as exc:  # whatever broke, the public path works
            _verdicts[failing] = f"{type(exc).__name__}: {exc}"
    return _verdicts[failing]


def _run_probe(engine: wasmtime.Engine, failing: bool) -> str | None:
    _load()
    store = wasmtime.Store(engine)
    # The engine counts epochs (the analyzer's deadlines); a tiny call needs
    # a deadline all the same.
    store.set_epoch_deadline(1 << 20)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, _PROBE_WAT), [])
    exports = instance.exports(store)
    pack, trap = exports["pack"], exports["trap"]
    if not isinstance(pack, wasmtime.Func) or not isinstance(trap, wasmtime.Func):
        return "the probe module's exports are not functions"
    a, b, c = _PROBE_ARGS
    want = (((a << 32) | b) + c + (1 if failing else 0)) & _U64
    public = int(pack(store, a, b, c)) & _U64
    call = UncheckedCall(store, pack)
    got = call(a, b, c)
    if got != want or public != want:
        return f"the probe computed {got:#x} unchecked and {public:#x} through Func.__call__, expected {want:#x}"
    trapping = UncheckedCall(store, trap)
    try:
        trapping(a, b, c)
    except wasmtime.Trap:
        pass
    else:
        return "a trap was not reported"
    if trapping._trap or call(1, 2, 3) != (1 << 32 | 2) + 3:
        return "the call did not recover after a trap"
    return None


def choose(engine: wasmtime.Engine, requested: str) -> str:
    """The call path for a new instance: "unchecked" or "public"."""
    if requested == "public":
        return "public"
    reason = probe(engine, failing=requested == "failing-probe")
    if reason is None:
        return "unchecked"
    _log_fallback(reason)
    return "public"


_logged: set[str] = set()


def _log_fallback(reason: str) -> None:
    if reason not in _logged:  # one line per process, not one per instance
        _logged.add(reason)
        logger.debug("arcjet: the analyzer calls through wasmtime's public Func API: the unchecked-call probe failed (%s)",
                     reason)

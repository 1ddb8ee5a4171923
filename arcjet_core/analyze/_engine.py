"""The process-wide wasmtime engine, the compiled module and the epoch ticker.

Compiling the analyzer takes ~0.3 s; deserialising a compiled artifact takes
about a millisecond. The artifact is cached on disk, keyed by the wasmtime
version, the engine settings and the module's sha256, so only the first
process after an install or upgrade compiles. Deserialising runs native code
from that file, so the cache directory must be private to the user: one that
is group- or world-writable, or owned by someone else, is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import threading
from importlib import metadata, resources
from pathlib import Path

import wasmtime

from . import _ticker

MODULE_NAME = "arcjet_analyzer.wasm"
# One epoch tick; a call's deadline is counted in ticks. Coarse, because the
# ticker is a Python thread that takes the GIL on every tick (see _ticker).
TICK_SECONDS = 0.1
# Engine settings that change the compiled code: part of the cache key.
_SETTINGS = "epoch=1;opt=speed;fixed-memory=1;v1"

_lock = threading.RLock()
_engine: wasmtime.Engine | None = None
_modules: dict[bytes, wasmtime.Module] = {}


def engine() -> wasmtime.Engine:
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                cfg = wasmtime.Config()
                cfg.epoch_interruption = True
                cfg.cranelift_opt_level = "speed"
                # Linear memory keeps its address for life (growth happens in
                # place inside the reservation), so the host may cache it.
                cfg.memory_may_move = False
                _engine = wasmtime.Engine(cfg)
    return _engine


def module_bytes() -> bytes:
    return resources.files(__package__).joinpath(MODULE_NAME).read_bytes()


def load_module(wasm: bytes | None = None) -> wasmtime.Module:
    """The compiled module for `wasm` (default: the packaged analyzer), once per process."""
    if wasm is None:
        wasm = module_bytes()
    digest = hashlib.sha256(wasm).digest()
    module = _modules.get(digest)
    if module is None:
        with _lock:
            module = _modules.get(digest)
            if module is None:
                module = _compile_cached(engine(), wasm, digest.hex())
                _modules[digest] = module
    return module


def cache_dir() -> Path:
    explicit = os.environ.get("ARCJET_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "arcjet-local"


def _cache_path(sha: str) -> Path:
    version = metadata.version("wasmtime")
    key = hashlib.sha256(f"{version};{_SETTINGS};{sha}".encode()).hexdigest()[:32]
    return cache_dir() / f"analyzer-{key}.cwasm"


def _private_dir(path: Path) -> bool:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _compile_cached(eng: wasmtime.Engine, wasm: bytes, sha: str) -> wasmtime.Module:
    path = _cache_path(sha)
    usable = _private_dir(path.parent)
    if usable and path.is_file():
        try:
            return wasmtime.Module.deserialize_file(eng, str(path))
        except (wasmtime.WasmtimeError, OSError):
            pass  # stale or corrupt: compile and overwrite below
    module = wasmtime.Module(eng, wasm)
    if usable:
        # Write-then-rename so a concurrent reader never sees half a file; any
        # failure just means the next process compiles again.
        with contextlib.suppress(OSError):
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".cwasm")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(module.serialize())
                os.replace(tmp, path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
    return module


def ensure_ticker() -> None:
    """Start advancing the epoch in this process, lazily; again in a forked
    child, found by its pid (a thread does not survive a fork)."""
    _ticker.ensure(engine(), TICK_SECONDS)

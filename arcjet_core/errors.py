"""Exceptions raised by arcjet-local.

    ArcjetError                    root of everything we raise
     +-- ArcjetMisconfiguration    bad configuration or a protect() call missing a required argument
     |    (also a ValueError, so a bad factory argument is a ValueError too)
     +-- ArcjetStorageError        the rate-limit store failed (Redis down, timeout, ...)
     +-- ArcjetAnalyzerError       the Wasm analyzer failed (trap, deadline, bad output)
"""

from __future__ import annotations


class ArcjetError(Exception):
    """Root of every exception arcjet-local raises."""


class ArcjetMisconfiguration(ArcjetError, ValueError):
    """Configuration is invalid, or protect() lacks an argument a rule needs."""


class ArcjetStorageError(ArcjetError):
    """A storage backend failed; the engine turns this into an ERROR result."""


class ArcjetAnalyzerError(ArcjetError):
    """The Wasm analyzer failed; the engine turns this into an ERROR result."""

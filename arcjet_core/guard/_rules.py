"""Guard's rate limits: TokenBucket, FixedWindow, SlidingWindow.

Configured once (``TokenBucket(...)`` at module scope), bound per call
(``limit(key=user_id)``) into a ``*WithInput`` for ``guard(rules=[...])``.
Each builds the same storage op as protect()'s rule of that algorithm and
takes its typed result from the same module (``arcjet_core.kinds``), on the
client's storage. Only a SHA-256 of ``key`` reaches storage.

Counters are keyed by bucket and configuration, as the reference keys them:
two rules with the same bucket and settings share counters; a different
bucket, or different settings under one bucket, do not.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TypeVar

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.guard._rule_base import BoundRule, ConfiguredRule, new_input_id
from arcjet_core.guard._types import (
    Mode,
    RuleResultFixedWindow,
    RuleResultSlidingWindow,
    RuleResultTokenBucket,
)
from arcjet_core.kinds import fixed_window, sliding_window, token_bucket
from arcjet_core.kinds._rate_limit import reset_at
from arcjet_core.metadata import Metadata
from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    SlidingWindowParams,
    TokenBucketParams,
)

R = TypeVar("R", RuleResultTokenBucket, RuleResultFixedWindow, RuleResultSlidingWindow)

# The reference's bucket rule: a lowercase slug of at most 256 bytes.
_BUCKET = re.compile(r"[a-z0-9](?:[a-z0-9.\-]{0,254}[a-z0-9])?")
_SEP = "\x1f"


def _positive(value: object, param: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ArcjetMisconfiguration(f"{param} must be a positive integer, got {value!r}")
    return value


def _bucket(value: object) -> str:
    if not isinstance(value, str) or not _BUCKET.fullmatch(value):
        raise ArcjetMisconfiguration(
            f"bucket must be a lowercase slug (letters, digits, '.', '-'; at most 256), got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class TokenBucketConfig:
    refill_rate: int
    interval_seconds: int
    max_tokens: int
    bucket: str = "default-token-bucket"

    @property
    def params(self) -> TokenBucketParams:
        return TokenBucketParams(refill_rate=self.refill_rate, interval=self.interval_seconds,
                                 capacity=self.max_tokens)


@dataclass(frozen=True, slots=True)
class FixedWindowConfig:
    max_requests: int
    window_seconds: int
    bucket: str = "default-fixed-window"

    @property
    def params(self) -> FixedWindowParams:
        return FixedWindowParams(max=self.max_requests, window=self.window_seconds)


@dataclass(frozen=True, slots=True)
class SlidingWindowConfig:
    max_requests: int
    interval_seconds: int
    bucket: str = "default-sliding-window"

    @property
    def params(self) -> SlidingWindowParams:
        return SlidingWindowParams(max=self.max_requests, interval=self.interval_seconds)


RateLimitConfig = TokenBucketConfig | FixedWindowConfig | SlidingWindowConfig


def _state_id(config: RateLimitConfig) -> str:
    # Bucket + algorithm + settings: what decides which counters a rule shares.
    return hashlib.sha256(f"{type(config).__name__}|{config.bucket}|{config.params!r}".encode()).hexdigest()[:24]


class RateLimitWithInput(BoundRule[R]):
    """Base of the three rate-limit ``*WithInput`` classes (our name, kept)."""

    __slots__ = ()
    config: RateLimitConfig
    key: str
    requested: int
    label: str | None
    metadata: Metadata | None

    @property
    def key_hash(self) -> str:
        """SHA-256 of ``key``: all that storage (or a log) ever sees of it."""
        return hashlib.sha256(self.key.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def config_bucket(self) -> str:
        return self.config.bucket

    def _op(self, namespace: str) -> LimitOp:
        key = _SEP.join((namespace, "guard", _state_id(self.config), self.key_hash))
        return LimitOp(key, self.config.params, self.requested)

    def _conclude(self, outcome: LimitOutcome, now: float) -> R:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class TokenBucketWithInput(RateLimitWithInput[RuleResultTokenBucket]):
    _input_id: str
    _config_id: str
    config: TokenBucketConfig
    key: str
    requested: int = 1
    mode: Mode = "LIVE"
    label: str | None = None
    metadata: Metadata | None = None
    _result_type = RuleResultTokenBucket

    def _conclude(self, outcome: LimitOutcome, now: float) -> RuleResultTokenBucket:
        return token_bucket.guard_result(self.config.params, outcome, "ALLOW" if outcome.allowed else "DENY",
                                         reset_at(outcome, now))


@dataclass(frozen=True, slots=True)
class FixedWindowWithInput(RateLimitWithInput[RuleResultFixedWindow]):
    _input_id: str
    _config_id: str
    config: FixedWindowConfig
    key: str
    requested: int = 1
    mode: Mode = "LIVE"
    label: str | None = None
    metadata: Metadata | None = None
    _result_type = RuleResultFixedWindow

    def _conclude(self, outcome: LimitOutcome, now: float) -> RuleResultFixedWindow:
        return fixed_window.guard_result(self.config.params, outcome, "ALLOW" if outcome.allowed else "DENY",
                                         reset_at(outcome, now))


@dataclass(frozen=True, slots=True)
class SlidingWindowWithInput(RateLimitWithInput[RuleResultSlidingWindow]):
    _input_id: str
    _config_id: str
    config: SlidingWindowConfig
    key: str
    requested: int = 1
    mode: Mode = "LIVE"
    label: str | None = None
    metadata: Metadata | None = None
    _result_type = RuleResultSlidingWindow

    def _conclude(self, outcome: LimitOutcome, now: float) -> RuleResultSlidingWindow:
        return sliding_window.guard_result(self.config.params, outcome, "ALLOW" if outcome.allowed else "DENY",
                                           reset_at(outcome, now))


def _check_bind(key: object, requested: object) -> None:
    if not isinstance(key, str) or not key:
        raise ArcjetMisconfiguration("key must be a non-empty string (user id, session id, tenant...)")
    _positive(requested, "requested")


class TokenBucket(ConfiguredRule[RuleResultTokenBucket]):
    """A token bucket: ``max_tokens`` capacity, ``refill_rate`` tokens back every
    ``interval_seconds``; each call takes ``requested`` tokens."""

    _result_type = RuleResultTokenBucket

    def __init__(self, *, refill_rate: int, interval_seconds: int, max_tokens: int,
                 bucket: str = "default-token-bucket", mode: Mode = "LIVE", label: str | None = None,
                 metadata: Metadata | None = None) -> None:
        self._config = TokenBucketConfig(refill_rate=_positive(refill_rate, "refill_rate"),
                                         interval_seconds=_positive(interval_seconds, "interval_seconds"),
                                         max_tokens=_positive(max_tokens, "max_tokens"), bucket=_bucket(bucket))
        super().__init__(mode=mode, label=label, metadata=metadata)

    @property
    def config(self) -> TokenBucketConfig:
        return self._config

    def __call__(self, *, key: str, requested: int = 1, metadata: Metadata | None = None) -> TokenBucketWithInput:
        _check_bind(key, requested)
        return TokenBucketWithInput(new_input_id(), self._config_id, self._config, key, requested, self._mode,
                                    self._label, self._bind_metadata(metadata))


class FixedWindow(ConfiguredRule[RuleResultFixedWindow]):
    """At most ``max_requests`` per window of ``window_seconds``."""

    _result_type = RuleResultFixedWindow

    def __init__(self, *, max_requests: int, window_seconds: int, bucket: str = "default-fixed-window",
                 mode: Mode = "LIVE", label: str | None = None, metadata: Metadata | None = None) -> None:
        self._config = FixedWindowConfig(max_requests=_positive(max_requests, "max_requests"),
                                         window_seconds=_positive(window_seconds, "window_seconds"),
                                         bucket=_bucket(bucket))
        super().__init__(mode=mode, label=label, metadata=metadata)

    @property
    def config(self) -> FixedWindowConfig:
        return self._config

    def __call__(self, *, key: str, requested: int = 1, metadata: Metadata | None = None) -> FixedWindowWithInput:
        _check_bind(key, requested)
        return FixedWindowWithInput(new_input_id(), self._config_id, self._config, key, requested, self._mode,
                                    self._label, self._bind_metadata(metadata))


class SlidingWindow(ConfiguredRule[RuleResultSlidingWindow]):
    """At most ``max_requests`` in any ``interval_seconds`` (weighted sliding window)."""

    _result_type = RuleResultSlidingWindow

    def __init__(self, *, max_requests: int, interval_seconds: int, bucket: str = "default-sliding-window",
                 mode: Mode = "LIVE", label: str | None = None, metadata: Metadata | None = None) -> None:
        self._config = SlidingWindowConfig(max_requests=_positive(max_requests, "max_requests"),
                                           interval_seconds=_positive(interval_seconds, "interval_seconds"),
                                           bucket=_bucket(bucket))
        super().__init__(mode=mode, label=label, metadata=metadata)

    @property
    def config(self) -> SlidingWindowConfig:
        return self._config

    def __call__(self, *, key: str, requested: int = 1, metadata: Metadata | None = None) -> SlidingWindowWithInput:
        _check_bind(key, requested)
        return SlidingWindowWithInput(new_input_id(), self._config_id, self._config, key, requested, self._mode,
                                      self._label, self._bind_metadata(metadata))

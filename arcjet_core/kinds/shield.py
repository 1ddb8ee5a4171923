"""Shield: the analyzer's attack detectors on every request, and per-client
suspicion in storage. A request's findings score points; a client whose score
reaches ``threshold`` within ``window`` seconds is blocked for ``block_for``
seconds (see docs/architecture.md, Shield)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from arcjet_core.decision import RuleResult, ShieldReason
from arcjet_core.enums import Conclusion, Mode, RuleState
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetError, ArcjetMisconfiguration
from arcjet_core.ratelimit import SuspicionOp, SuspicionOutcome

from ._base import AnalyzedRule, AnalyzerPart, restamped
from ._shield_tuning import (
    DEFAULT_EXCLUSIONS,
    DEFAULT_SECOND_OPINION,
    TUNING_RULE_IDS,
    ShieldExclusion,
    ShieldSecondOpinion,
    check_detector_exclusions,
    crs_settings_of,
    detector_exclusions_json,
    exclusions_json,
    exclusions_of,
    rule_selection,
    second_opinion_json,
    second_opinion_of,
)
from ._spec import MAX_INTERVAL_SECONDS, RuleSpec, coerce_characteristics, coerce_mode, positive_int

if TYPE_CHECKING:
    from arcjet_core.context import RequestContext
    from arcjet_core.engine import ProtectInput
    from arcjet_core.ratelimit import Op, Outcome

# Largest body shield will inspect. Inspection is linear in the bytes read,
# and the worst request this allows (this body of the costliest bytes plus the
# largest head) must finish in half the analyzer's shortest deadline (100 ms),
# so the deadline is a backstop no traffic reaches: see wasm/shield/README.md,
# "Why 256 KiB at most", for the measurements behind the number.
MAX_SHIELD_BODY = 256 << 10
# shield(on_limit=...): what a request past an inspection limit gets.
SHIELD_ON_LIMIT = ("deny", "inspect_prefix")
# CRS paranoia levels: 1 (fewest false positives) to 4. The CRS runs only
# when one is given: at ~0.5-0.7 ms per typical request in the analyzer today
# it costs ten times our own detectors, so it is opt-in until issue #16's
# speed target (60 us) is met; see docs/architecture.md, Shield.
PARANOIA_LEVELS = (1, 2, 3, 4)
# The analyzer's deadline for a rule set running the CRS, in 100 ms epoch
# ticks: 300-400 ms, against 100-200 ms for the other kinds. The CRS's worst
# requests measured (benchmarks/crs_pathological.py: 64 KiB values built from
# its own regexes, on a slow 2-core VM) took 70-145 ms, the first of a shape
# more, so the default deadline failed some of them open; this keeps the
# deadline a backstop no traffic reaches, as it is for our own detectors.
CRS_DEADLINE_TICKS = 4
# Suspicion points for a request whose inspection failed (deadline, trap):
# what a High-severity finding scores, so input crafted to exhaust the
# analyzer counts against its sender instead of being a free pass.
ANALYZER_FAILURE_POINTS = 3


@dataclass(frozen=True, slots=True)
class Shield(RuleSpec):
    kind: ClassVar[str] = "SHIELD"
    mode: Mode = Mode.LIVE
    characteristics: tuple[str, ...] = ()
    threshold: int = 5
    window: int = 300
    block_for: int = 900
    # How much of a request body the detectors read (up to MAX_SHIELD_BODY);
    # ModSecurity's recommended SecRequestBodyNoFilesLimit. Multipart file
    # contents are not inspected and do not count.
    max_body_bytes: int = 128 << 10
    # A request past an inspection limit (a longer body, more parameters than
    # the analyzer reads, deeper JSON, headers or fields the host had to cut)
    # is denied ("deny") or inspected up to the limit ("inspect_prefix").
    on_limit: str = "deny"
    # The OWASP CRS: its paranoia level, the inbound anomaly score at which a
    # request is denied on its own, rules removed and targets excluded (see
    # _shield_tuning).
    paranoia_level: int | None = None
    anomaly_threshold: int = 5
    disabled_rules: tuple[int | str, ...] = ()
    exclusions: tuple[ShieldExclusion, ...] = ()
    crs_settings: tuple[tuple[str, str], ...] = ()
    # Shield's tuning of the CRS's false positives (DEFAULT_SECOND_OPINION,
    # DEFAULT_EXCLUSIONS), and the application's own second opinions, each
    # replacing the default one for the rules it names.
    crs_tuning: bool = True
    second_opinion: tuple[ShieldSecondOpinion, ...] = ()


def shield(
    *,
    mode: Mode | str = Mode.LIVE,
    characteristics: Sequence[str] = (),
    threshold: int = 5,
    window: int = 300,
    block_for: int = 900,
    max_body_bytes: int = 128 << 10,
    on_limit: str = "deny",
    paranoia_level: int | None = None,
    anomaly_threshold: int = 5,
    disabled_rules: Sequence[int | str] = (),
    exclusions: Sequence[ShieldExclusion] | Mapping[str, Sequence[int | str]] = (),
    crs_settings: Mapping[str, int | str | bool] | None = None,
    crs_tuning: bool = True,
    second_opinion: Mapping[int | str, Sequence[str]] | Sequence[ShieldSecondOpinion] | None = None,
) -> Shield:
    """Detect common attacks (SQL injection, XSS, traversal, ...) and block suspicious clients.

    ``max_body_bytes`` bounds how much of a body is inspected (default 128 KiB,
    as ModSecurity's recommended SecRequestBodyNoFilesLimit; at most 256 KiB):
    a multipart upload's file contents are not inspected and do not count. The
    client's ``body_limit`` bounds how much is read at all.
    ``on_limit`` says what a request past any inspection limit gets: ``"deny"``
    (the default: a SHIELD deny with category ``INSPECTION_LIMIT``, the way
    ModSecurity rejects an over-limit body) or ``"inspect_prefix"`` (the part
    within the limits is inspected, the rest is not; a LOW finding notes it).

    The OWASP Core Rule Set v4 runs when ``paranoia_level`` (1-4) is given
    (None, the default: our own detectors only; the CRS costs ~10x more per
    request today, see docs/architecture.md); a request whose
    CRS anomaly score reaches ``anomaly_threshold`` is denied on its own.
    ``disabled_rules`` removes rules by id (``942100``), id range
    (``"942100-942199"``) or tag (``"attack-xss"``); ``exclusions`` leaves a
    request part out of some rules, e.g. ``{"ARGS:body": ["attack-xss"]}``
    for a rich-text field (``ShieldExclusion`` is the typed form). An
    exclusion also reaches our own detectors, with or without the CRS: no
    rules means every detector, and an attack tag (``attack-sqli``,
    ``attack-xss``, ``attack-rce``, ``attack-lfi``, ...) the detector for
    that attack, on ``ARGS``, ``ARGS_GET``, ``ARGS_POST``, their ``_NAMES``,
    ``REQUEST_COOKIES``, ``REQUEST_HEADERS`` and ``FILES`` (JSON members as
    ModSecurity names them: ``ARGS:json.page.body``).
    ``crs_settings`` sets what an application tunes in crs-setup.conf, e.g.
    ``{"allowed_methods": "GET HEAD POST PUT DELETE", "max_num_args": 255}``.
    ``crs_tuning`` (default True) applies shield's tuning of the CRS's false
    positives: our detectors confirm the noisiest generic rules, and two
    benign shapes are excluded from 930120 (see ``_shield_tuning``); False
    runs the CRS as it ships. ``second_opinion`` names rules whose matches our
    detectors must confirm: ``{942200: ["SQL_INJECTION"]}`` (a finding of any
    severity confirms) or, to ask for a severity,
    ``[ShieldSecondOpinion((942200,), ("SQL_INJECTION",), min_severity="HIGH")]``.
    An entry of yours replaces shield's default second opinion for the rules
    it names (so ``{942190: ["SQL_INJECTION"]}`` confirms 942190 at any
    severity where the default asks for HIGH); the defaults for other rules
    stay. Every request's score also counts toward the client's suspicion:
    ``threshold`` points within ``window`` seconds block the client for
    ``block_for``.
    """
    if on_limit not in SHIELD_ON_LIMIT:
        raise ArcjetMisconfiguration(f"on_limit must be one of {', '.join(map(repr, SHIELD_ON_LIMIT))}, got {on_limit!r}")
    if paranoia_level is None:
        # CRS tuning without the CRS would be silently ignored: say so now.
        given = [name for name, unset in (("anomaly_threshold", anomaly_threshold == 5), ("disabled_rules", not disabled_rules),
                                          ("crs_settings", not crs_settings),
                                          ("crs_tuning", crs_tuning is True),
                                          ("second_opinion", not second_opinion)) if not unset]
        if given:
            raise ArcjetMisconfiguration(f"{', '.join(given)} tune the OWASP CRS, which runs only when paranoia_level "
                                         "(1-4) is given")
    checked_exclusions = exclusions_of(exclusions)
    if paranoia_level is None:
        check_detector_exclusions(checked_exclusions)
    return Shield(
        mode=coerce_mode(mode),
        characteristics=coerce_characteristics(characteristics),
        threshold=positive_int(threshold, "threshold"),
        window=positive_int(window, "window", maximum=MAX_INTERVAL_SECONDS),
        block_for=positive_int(block_for, "block_for", maximum=MAX_INTERVAL_SECONDS),
        max_body_bytes=positive_int(max_body_bytes, "max_body_bytes", maximum=MAX_SHIELD_BODY),
        on_limit=on_limit,
        paranoia_level=_paranoia_level(paranoia_level),
        anomaly_threshold=positive_int(anomaly_threshold, "anomaly_threshold", maximum=10_000),
        disabled_rules=_disabled_rules(disabled_rules),
        exclusions=checked_exclusions,
        crs_settings=crs_settings_of(crs_settings or {}),
        crs_tuning=_flag(crs_tuning, "crs_tuning"),
        second_opinion=second_opinion_of(second_opinion or {}),
    )


def _paranoia_level(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"paranoia_level must be an int, got {type(value).__name__}")
    if value not in PARANOIA_LEVELS:
        raise ArcjetMisconfiguration(f"paranoia_level must be 1, 2, 3 or 4, got {value}")
    return value


def _flag(value: object, param: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{param} must be a bool, got {type(value).__name__}")
    return value


def _disabled_rules(value: Sequence[int | str]) -> tuple[int | str, ...]:
    rule_selection(value, "disabled_rules")  # raises on a bad entry
    return tuple(value)


class ShieldRule(AnalyzedRule):
    stateful = True
    counted_after_deny = True  # suspicion counts most on a denied request
    storage_label = "shield suspicion"

    __slots__ = ()

    def analyzer_part(self) -> AnalyzerPart:
        rule = self.rule
        assert isinstance(rule, Shield)
        disabled = rule_selection(rule.disabled_rules, "disabled_rules")
        # The application's entries after the defaults: for a rule several
        # name, the analyzer lets the last one decide.
        opinions = (*DEFAULT_SECOND_OPINION, *rule.second_opinion) if rule.crs_tuning else rule.second_opinion
        return AnalyzerPart(self.index, {
            "kind": "SHIELD", "index": self.index, "max_body_bytes": rule.max_body_bytes, "on_limit": rule.on_limit,
            "paranoia_level": rule.paranoia_level, "anomaly_threshold": rule.anomaly_threshold,
            "disabled_ids": [list(r) for r in disabled.ids] + ([] if rule.crs_tuning else [[i, i] for i in TUNING_RULE_IDS]),
            "disabled_tags": list(disabled.tags),
            "exclusions": exclusions_json(rule.exclusions), "settings": [list(p) for p in rule.crs_settings],
            "detector_exclusions": detector_exclusions_json(rule.exclusions),
            "tuning_exclusions": exclusions_json(DEFAULT_EXCLUSIONS if rule.crs_tuning else ()),
            "second_opinions": second_opinion_json(opinions),
        }, body_bytes=rule.max_body_bytes,
            deadline_ticks=CRS_DEADLINE_TICKS if rule.paranoia_level is not None else 0)

    def inspect(self, ctx: RequestContext, analysis: Any, error: ArcjetError | None, inputs: ProtectInput) -> tuple[RuleResult, int | None]:
        result = self.analyzed(analysis, error)
        if result.state is RuleState.NOT_RUN:
            return result, None  # detection did not run: nothing to score
        if error is None:
            return result, _suspicion_score(analysis.outcomes.get(self.index))
        if isinstance(error, ArcjetAnalyzerError):
            # The inspection itself failed (deadline, trap): the result stays
            # ERROR (fail open), but it is charged.
            return result, ANALYZER_FAILURE_POINTS
        return result, None

    def deny_cache_key(self, fingerprint: str, amount: int) -> str:
        return f"{self.rule_id}:{fingerprint}"  # a block holds whatever the request scores

    def op(self, key: str, amount: int) -> Op:
        rule = self.rule
        assert isinstance(rule, Shield)
        return SuspicionOp(key, amount, rule.threshold, rule.window, rule.block_for)

    def conclude(self, fingerprint: str, outcome: Outcome, inspected: RuleResult | None) -> tuple[RuleResult, float]:
        assert isinstance(outcome, SuspicionOutcome) and inspected is not None
        if not outcome.blocked:
            return restamped(inspected, fingerprint), 0.0
        seen = inspected.reason_v2
        # This request's own findings stay in the reason: the block adds to them.
        reason = ShieldReason(shield_triggered=True, categories=tuple(getattr(seen, "categories", ())), suspicious=True,
                              rule_ids=tuple(getattr(seen, "rule_ids", ())),
                              anomaly_score=getattr(seen, "anomaly_score", 0))
        ttl = max(1, math.ceil(outcome.block_remaining_seconds))
        return (self.result(RuleState.RUN, Conclusion.DENY, reason, fingerprint, ttl),
                outcome.block_remaining_seconds)


def _suspicion_score(outcome: Any) -> int:
    """Points the analyzer gave this request's shield findings (0 when clean)."""
    if outcome is None:
        return 0
    score = outcome.reason.get("score", 0)
    return score if isinstance(score, int) and score > 0 else 0

"""Stable codes: ``RuleResultError.code`` and ``ArcjetWarning.code``.

Error codes say why a rule could not be evaluated (and so why a decision
``has_failed_open()``). Warning codes reuse the reference's numbers where the
meaning is the same (AJ1001, AJ1023, AJ3000, AJ3004, AJ3007); the one warning
that exists only because there is no cloud here has a descriptive name.
"""

from __future__ import annotations

# RuleResultError.code
STORAGE_ERROR = "STORAGE_ERROR"
"""The rate-limit store failed (Redis down, timeout): the limit was not checked."""
ANALYZER_ERROR = "ANALYZER_ERROR"
"""The analyzer or classifier failed on this text."""
INPUT_TOO_LONG = "INPUT_TOO_LONG"
"""The text is longer than the detector reads, so it was not checked."""
CUSTOM_RULE_ERROR = "CUSTOM_RULE_ERROR"
"""A LocalCustomRule's evaluate raised or returned something else than a CustomEvaluateResult."""
BACKEND_NOT_WIRED = "SENSITIVE_INFO_BACKEND_NOT_WIRED"
"""A sensitive-information ``backend`` was configured; this build does not run one yet."""
NO_CLIENT = "NO_CLIENT"
"""The free guard()/guard_sync() found no registered client of its flavor."""

# ArcjetWarning.code (and diagnostics on the client's logger)
OPTION_DROPPED = "AJ1001"
"""An option had the wrong type or shape and was dropped; the call went on without it."""
LABEL_INVALID = "AJ1023"
"""A capture action does not follow the label grammar (recorded anyway)."""
INPUTS_NOT_EVALUATED = "LOCAL_INPUTS_NOT_EVALUATED"
"""guard(inputs=...) was given; inputs feed a remote policy, and none exists here."""
CAPTURE_INPUT_INVALID = "AJ3000"
"""capture() had no usable action; the event was dropped."""
CLIENT_ALREADY_REGISTERED = "AJ3004"
"""register_arcjet() was called with a second client; the first one stays."""
CLIENT_FLAVOR_MISMATCH = "AJ3007"
"""A free call found the other flavor (sync/async) of client registered."""

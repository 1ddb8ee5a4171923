"""Errors raised by the Guard checkpoints (``guard_action``) and label checks.

    Exception
     +-- ArcjetDeniedError         a rule evaluated and denied the action
     +-- ArcjetUnavailableError    the action's rules could not be evaluated (fail closed)
    ArcjetMisconfiguration
     +-- ArcjetInvalidLabelError   a guard label no policy could match (raised where it is written)
"""

from __future__ import annotations

from typing import Literal

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.guard._types import Decision

OnGuardError = Literal["allow", "deny"]
"""What ``guard_action`` does when the guard could not evaluate: ``"deny"``
(the default) raises ``ArcjetUnavailableError``; ``"allow"`` runs the action."""


class ArcjetDeniedError(Exception):
    """A rule evaluated and denied the action. Raised whatever ``on_guard_error`` says."""

    def __init__(self, action: str, decision: Decision) -> None:
        super().__init__(f"Arcjet denied action {action!r} ({decision.reason})")
        self.action = action
        self.decision = decision


class ArcjetUnavailableError(Exception):
    """The action's rules could not be evaluated and the checkpoint fails closed.

    Nothing decided against the action: the check did not happen. ``cause``
    (also ``__cause__``) is the exception that stopped it, when there was one;
    ``decision`` (ours) the decision that failed open, when there was one
    (its ``error_results()`` say which rule could not be evaluated).
    """

    def __init__(self, action: str, *, cause: BaseException | None = None,
                 decision: Decision | None = None) -> None:
        detail = ""
        if decision is not None:
            detail = ": " + "; ".join(f"{e.code}: {e.message}" for e in decision.error_results())
        super().__init__(f"Arcjet policy for {action!r} could not be evaluated{detail}")
        self.action = action
        self.cause = cause
        self.decision = decision
        # Only set when there is one: assigning None would hide the implicit context.
        if cause is not None:
            self.__cause__ = cause


class ArcjetInvalidLabelError(ArcjetMisconfiguration):
    """A guard label that breaks the label grammar. Also an ArcjetMisconfiguration,
    so callers catching that (and ValueError) still do."""

    def __init__(self, label: str, where: str, problem: str) -> None:
        super().__init__(f"{where}: guard label {label!r} is invalid ({problem}); "
                         "use ASCII letters, digits, '-', '.', '_', starting and ending with a letter or digit")
        self.label = label
        self.where = where
        self.problem = problem

"""Loading the user's rules for ``check-ip`` (and the MCP replay): ``module:attr``.

``attr`` may name a list of rules, one rule, an ``arcjet()`` / ``arcjet_sync()``
client (its rules), or a settings dict with ``"RULES"`` (Django's ``ARCJET``).
``--settings myproject.settings`` is short for ``myproject.settings:ARCJET``.
The module is imported from the current directory, as uvicorn and flask do.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click


def _rules_of(value: Any, ref: str) -> list[Any]:
    from arcjet_core.rules import RuleSpec

    if isinstance(value, Mapping):
        value = value.get("RULES", value.get("rules"))
    elif hasattr(value, "rules") and not isinstance(value, RuleSpec):
        value = value.rules
    if isinstance(value, RuleSpec):
        return [value]
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        flat: list[Any] = []
        for item in value:
            flat.extend(_rules_of(item, ref) if isinstance(item, Sequence) and not isinstance(item, str)
                        else [item])
        if all(isinstance(r, RuleSpec) for r in flat):
            return flat
    raise click.BadParameter(f"{ref} is not a rule list, a rule, an arcjet client or a dict with RULES",
                             param_hint="--rules")


def load_rules(ref: str) -> list[Any]:
    """The rules named by ``module:attr``."""
    module_name, found, attr = ref.partition(":")
    if not found or not module_name or not attr:
        raise click.BadParameter(f"must look like 'module:attribute', got {ref!r}", param_hint="--rules")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise click.BadParameter(f"cannot import {module_name}: {exc}", param_hint="--rules") from None
    value: Any = module
    for part in attr.split("."):
        if not hasattr(value, part):
            raise click.BadParameter(f"{module_name} has no attribute {attr}", param_hint="--rules")
        value = getattr(value, part)
    return _rules_of(value, ref)

"""Sensitive information, the host's half: the user's ``detect`` function and
the allow/deny lists, applied to the entities the analyzer found.

Pure: ``protect()``'s rule (``sensitive_info.py``) and Guard's
``LocalDetectSensitiveInfo`` both call ``judge``.

A custom ``detect`` function sees the text as the reference's does: split on
whitespace into tokens, given in windows of ``context_window_size`` tokens
(sliding by one), and returns one entity name or None per token of the
window. A token it names is that entity (the first window to name a token
wins); the analyzer's own entities that overlap a named token are dropped, so
the user's function overrides the built-in detectors where both speak.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from arcjet_core.decision import IdentifiedEntity

from .sensitive_backend import SensitiveInfoBackend, backend_entities

DetectFn = Callable[[list[str]], Sequence[str | None]]

_TOKEN = re.compile(r"\S+")


class DetectError(Exception):
    """The user's ``detect`` function failed or answered out of contract."""


@dataclass(frozen=True, slots=True)
class Judgement:
    allowed: tuple[IdentifiedEntity, ...]
    denied: tuple[IdentifiedEntity, ...]


def custom_entities(text: str, detect: DetectFn, window: int) -> list[IdentifiedEntity]:
    """The tokens ``detect`` names, as entities with code-point spans."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = [text[s:e] for s, e in spans]
    labels: list[str | None] = [None] * len(tokens)
    name = getattr(detect, "__qualname__", repr(detect))
    # One call per window; a text shorter than the window is one call.
    for first in range(max(1, len(tokens) - window + 1)):
        chunk = tokens[first:first + window]
        if not chunk:
            break
        try:
            answer = detect(list(chunk))
        except Exception as exc:  # the user's code: any failure is an ERROR result
            raise DetectError(f"detect function {name} raised {type(exc).__name__}: {exc}") from exc
        if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence) or len(answer) != len(chunk):
            raise DetectError(f"detect function {name} must return a list of {len(chunk)} entries "
                              f"(an entity name or None per token), got {answer!r}")
        for offset, label in enumerate(answer):
            if label is not None and not isinstance(label, str):
                raise DetectError(f"detect function {name} returned {label!r}; entries must be str or None")
            if label and labels[first + offset] is None:
                labels[first + offset] = label
    return [IdentifiedEntity(label, *spans[i]) for i, label in enumerate(labels) if label]


def overriding(found: list[IdentifiedEntity], custom: list[IdentifiedEntity]) -> list[IdentifiedEntity]:
    """``custom`` plus the entities of ``found`` that overlap none of them, by start."""
    if not custom:
        return found
    kept = custom + [e for e in found if not any(c.start < e.end and e.start < c.end for c in custom)]
    kept.sort(key=lambda e: e.start)
    return kept


def judge(text: str, found: Sequence[IdentifiedEntity], *, allow: Sequence[str], deny: Sequence[str],
          detect: DetectFn | None, window: int, backend: SensitiveInfoBackend | None = None,
          window_option: int | None = None) -> Judgement:
    """Split the entities into allowed and denied. With ``deny``, the listed
    types are denied and the rest allowed; otherwise (``allow``, or neither)
    only the listed types are allowed. A backend's spans override the native
    ones they overlap, and ``detect``'s tokens override both.
    Raises DetectError or BackendError."""
    entities = list(found)
    if backend is not None:
        entities = overriding(entities, backend_entities(backend, text, allow=allow, deny=deny,
                                                         window=window_option, detect=detect))
    if detect is not None:
        entities = overriding(entities, custom_entities(text, detect, window))
    if deny:
        listed = frozenset(deny)
        return Judgement(tuple(e for e in entities if e.identified_type not in listed),
                         tuple(e for e in entities if e.identified_type in listed))
    listed = frozenset(allow)
    return Judgement(tuple(e for e in entities if e.identified_type in listed),
                     tuple(e for e in entities if e.identified_type not in listed))

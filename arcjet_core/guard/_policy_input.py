"""Typed inputs for a remotely configured policy: accepted, never evaluated here.

The reference sends ``inputs=`` to the Arcjet cloud, where a policy edited in
its dashboard evaluates them. There is no cloud and no remote policy in this
process, so ``guard(inputs=...)`` evaluates nothing; the decision says so with
an ``ArcjetWarning`` (code ``LOCAL_INPUTS_NOT_EVALUATED``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

PolicyInputKind = Literal["STRING", "BOOLEAN", "INTEGER", "NUMBER", "STRING_LIST"]
PolicyInputExposure = Literal["SERVER", "LOCAL"]
PolicyInputValue = str | bool | int | float | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PolicyInput:
    """A typed value, marked as one a server may see or one that stays local."""

    exposure: PolicyInputExposure
    kind: PolicyInputKind
    value: PolicyInputValue


PolicyInputMap = Mapping[str, PolicyInput]


class _ServerInput:
    @staticmethod
    def string(value: str) -> PolicyInput:
        return PolicyInput("SERVER", "STRING", value)

    @staticmethod
    def boolean(value: bool) -> PolicyInput:
        return PolicyInput("SERVER", "BOOLEAN", value)

    @staticmethod
    def integer(value: int) -> PolicyInput:
        return PolicyInput("SERVER", "INTEGER", value)

    @staticmethod
    def number(value: int | float) -> PolicyInput:
        return PolicyInput("SERVER", "NUMBER", value)

    @staticmethod
    def string_list(value: list[str] | tuple[str, ...]) -> PolicyInput:
        return PolicyInput("SERVER", "STRING_LIST", tuple(value))


class _LocalInput:
    @staticmethod
    def string(value: str) -> PolicyInput:
        return PolicyInput("LOCAL", "STRING", value)


server_input = _ServerInput()
"""Values a remote policy would evaluate and keep as evidence (cloud only)."""

local_input = _LocalInput()
"""Values that stay in this process (strings only, as in the reference)."""

"""The public surface: arcjet_core's __all__ is complete and sorted, and the
`arcjet` drop-in package re-exports all of it (and arcjet.guard)."""

from __future__ import annotations

import arcjet
import arcjet.guard
import arcjet_core
import arcjet_core.guard


def _isort_style(name: str) -> tuple[int, str]:
    # The order ruff's RUF022 keeps: CONSTANTS, then Classes, then functions.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_names_exist_and_are_sorted() -> None:
    for module in (arcjet_core, arcjet_core.guard):
        assert module.__all__ == sorted(module.__all__, key=_isort_style)
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"


def test_no_public_name_is_missing_from_all() -> None:
    public = {n for n, v in vars(arcjet_core).items()
              if not n.startswith("_") and getattr(v, "__module__", "").startswith("arcjet_core")}
    assert public <= set(arcjet_core.__all__)


def test_arcjet_reexports_everything() -> None:
    for name in arcjet_core.__all__:
        assert getattr(arcjet, name) is getattr(arcjet_core, name)
    for name in arcjet_core.guard.__all__:
        assert getattr(arcjet.guard, name) is getattr(arcjet_core.guard, name)

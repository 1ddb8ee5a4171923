"""Immutable records that are cheap to build, for objects made on every request.

One rule for records built per request: they are immutable and built by
their own constructors (never ``tuple.__new__``). Public types (the decision
model, storage ops and outcomes) are frozen dataclasses with this decorator,
as the reference's are dataclasses; internal ones (the request context, the
engine's I/O steps, the analyzer's output, the adapter's outcome) are
NamedTuples. A
``@dataclass(frozen=True)`` ``__init__`` assigns each field through
``object.__setattr__`` (frozen classes refuse plain assignment), one call per
field. The ``__init__`` installed here keeps the dataclass's signature and
defaults but sets the instance dictionary in one step (about half the cost:
docs/perf-log.md). Everything else
(``FrozenInstanceError`` on assignment, ``==``, ``hash``, ``repr``,
``dataclasses.fields``/``asdict``/``replace``, pickling) is the dataclass's.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def fast_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of a frozen dataclass without slots (apply above
    ``@dataclass(frozen=True)``)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" in cls.__dict__:
        raise TypeError(f"fast_init needs a frozen dataclass without slots, not {cls.__name__}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"fast_init: {cls.__name__} has __post_init__, which this __init__ would skip")
    namespace: dict[str, Any] = {"_set": object.__setattr__}
    args: list[str] = []
    kw_only: list[str] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if not f.init:
            raise TypeError(f"fast_init: field {cls.__name__}.{f.name} has init=False")
        if f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"fast_init: field {cls.__name__}.{f.name} has a default_factory")
        arg = f.name
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
            arg = f"{f.name}=_default_{f.name}"
        (kw_only if f.kw_only else args).append(arg)
    signature = ", ".join(["self", *args, *(["*", *kw_only] if kw_only else [])])
    values = ", ".join(f"{f.name!r}: {f.name}" for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    exec(f"def __init__({signature}):\n    _set(self, '__dict__', {{{values}}})\n", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls

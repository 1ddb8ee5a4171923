"""fast_init: a frozen dataclass keeps every dataclass behaviour with the faster __init__."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest

from arcjet_core._frozen import fast_init
from arcjet_core.decision import Decision, RateLimitReason, RuleResult
from arcjet_core.ratelimit import LimitOp, TokenBucketParams


@fast_init
@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 2
    tag: str = dataclasses.field(default="p", kw_only=True)


def test_signature_and_defaults_match_the_dataclass() -> None:
    params = inspect.signature(Point).parameters
    assert list(params) == ["x", "y", "tag"]
    assert params["tag"].kind is inspect.Parameter.KEYWORD_ONLY
    assert Point(1) == Point(x=1, y=2, tag="p")
    assert Point(1, 5, tag="q").y == 5
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, "q")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=3)  # type: ignore[call-arg]


def test_still_frozen_hashable_and_dataclass_tools_work() -> None:
    p = Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    assert hash(p) == hash(Point(1, 2))
    assert repr(p) == "Point(x=1, y=2, tag='p')"
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "tag": "p"}
    assert dataclasses.replace(p, y=9) == Point(1, 9)
    assert pickle.loads(pickle.dumps(p)) == p
    assert copy.deepcopy(p) == p


def test_rejects_what_it_cannot_honour() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        x: int

    @dataclasses.dataclass
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Factory:
        x: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class Post:
        x: int

        def __post_init__(self) -> None:
            pass

    for cls in (Slotted, Mutable, Factory, Post):
        with pytest.raises(TypeError, match=cls.__name__):
            fast_init(cls)


def test_hot_path_records_use_it() -> None:
    for cls in (Decision, RuleResult, RateLimitReason, LimitOp):
        assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
        names = cls.__init__.__code__.co_names
        assert "_set" in names and "__dataclass_builtins_object__" not in names
    op = LimitOp(key="k", params=TokenBucketParams(1, 1, 1))
    assert op.requested == 1

"""arcjet_sequence: a correlation id (and metadata) carried by context
variables into tasks, to_thread and copy_context threads, picked up by
guard() and capture() after an explicit one."""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from pathlib import Path

import pytest

from arcjet.guard import (
    FixedWindow,
    arcjet_sequence,
    current_correlation_id,
    current_sequence_metadata,
    launch_arcjet,
    launch_arcjet_sync,
)
from arcjet_core import ArcjetMisconfiguration


def test_sequence_scopes_id_and_metadata_and_restores_them() -> None:
    assert current_correlation_id() is None and current_sequence_metadata() is None
    with arcjet_sequence(correlation_id="outer", metadata={"user": "u1"}) as outer:
        assert outer == "outer" == current_correlation_id()
        with arcjet_sequence(correlation_id="inner") as inner:
            # metadata=None keeps the enclosing block's.
            assert (inner, current_sequence_metadata()) == ("inner", {"user": "u1"})
        assert current_correlation_id() == "outer"
        with pytest.raises(RuntimeError), arcjet_sequence(metadata={"x": 1}):
            raise RuntimeError
        assert current_sequence_metadata() == {"user": "u1"}
    assert current_correlation_id() is None and current_sequence_metadata() is None


def test_generated_ids_are_unique_and_sort_by_time() -> None:
    ids = []
    for _ in range(3):
        with arcjet_sequence() as cid:
            ids.append(cid)
        time.sleep(0.002)
    assert len(set(ids)) == 3 and ids == sorted(ids)
    assert all(len(i) == 26 and i.isalnum() and i.islower() for i in ids)


@pytest.mark.parametrize("bad", ["", "tab\there", "é", "x" * 257, 7])
def test_bad_correlation_ids_are_refused(bad: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="correlation_id"), arcjet_sequence(
            correlation_id=bad):  # type: ignore[arg-type]
        pass


async def test_propagates_into_tasks_and_to_thread() -> None:
    async def in_task() -> str | None:
        await asyncio.sleep(0)
        return current_correlation_id()

    with arcjet_sequence(correlation_id="run-7"):
        task = asyncio.create_task(in_task())
        threaded = await asyncio.to_thread(current_correlation_id)
    assert await task == "run-7" and threaded == "run-7"
    assert current_correlation_id() is None


def test_copy_context_threads_see_it_bare_submit_does_not() -> None:
    with arcjet_sequence(correlation_id="job-3"), ThreadPoolExecutor(max_workers=2) as pool:
        carried = pool.submit(copy_context().run, current_correlation_id).result()
        bare = pool.submit(current_correlation_id).result()
    assert (carried, bare) == ("job-3", None)


def test_guard_and_capture_take_the_explicit_id_first_then_the_ambient(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    aj = launch_arcjet_sync(key="corr-1", decision_log=str(path))
    fw = FixedWindow(max_requests=10, window_seconds=60)
    assert aj.guard(label="x", rules=[fw(key="u")]).correlation_id is None
    with arcjet_sequence(correlation_id="seq-1", metadata={"agent": "planner", "n": 1}):
        ambient = aj.guard(label="x", rules=[fw(key="u")])
        explicit = aj.guard(label="x", rules=[fw(key="u")], correlation_id="mine")
        aj.capture(action="step.done", metadata={"n": 2})
        aj.capture(action="step.done", correlation_id="mine")
    assert (ambient.correlation_id, explicit.correlation_id) == ("seq-1", "mine")
    aj.flush()
    captures = [json.loads(line) for line in path.read_text().splitlines() if '"capture"' in line]
    assert [(c["correlation_id"], c["metadata"]) for c in captures] == [
        ("seq-1", {"agent": "planner", "n": 2}), ("mine", {"agent": "planner", "n": 1})]
    aj.close()


async def test_async_guard_in_a_task_keeps_the_sequence() -> None:
    aj = launch_arcjet(key="corr-2")
    fw = FixedWindow(max_requests=10, window_seconds=60)
    with arcjet_sequence(correlation_id="seq-async"):
        task = asyncio.create_task(aj.guard(label="x", rules=[fw(key="u")]))
    assert (await task).correlation_id == "seq-async"

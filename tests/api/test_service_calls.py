"""ServiceCalls (api/calls.py) on its own: reads beside a running write, one write at a time even
when a request gives up, the "busy" refusal, errors handed back as they are, and close()."""

from __future__ import annotations

import asyncio
import threading

import pytest

from goals_desktop.api.calls import ServiceCalls
from goals_desktop.domain.errors import NotFoundError, StorageError

pytestmark = pytest.mark.asyncio


def blocking(gate: threading.Event, started: threading.Event, log: list, name: str):
    """A call that says it started, then waits for the gate (as a write waiting on a lock would)."""

    def call(service):
        log.append(f"{name} started")
        started.set()
        assert gate.wait(10)
        log.append(f"{name} ended")
        return name

    return call


async def until_set(event: threading.Event) -> None:
    assert await asyncio.to_thread(event.wait, 10)


async def test_a_read_is_answered_while_a_write_runs(service):
    calls = ServiceCalls(service)
    goal = service.create_goal("Read me")
    gate, started, log = threading.Event(), threading.Event(), []
    try:
        write = asyncio.ensure_future(calls.write(blocking(gate, started, log, "write")))
        await until_set(started)
        assert calls.writing()
        assert (await asyncio.wait_for(calls.read(lambda s: s.get_goal(goal.id)), 5)).title == "Read me"
        assert not write.done()
        gate.set()
        assert await write == "write"
        assert not calls.writing()
    finally:
        gate.set()
        calls.close()


async def test_a_write_given_up_by_its_request_still_holds_the_writer_until_it_ends(service):
    calls = ServiceCalls(service)
    gate, started, log = threading.Event(), threading.Event(), []
    try:
        first = asyncio.ensure_future(calls.write(blocking(gate, started, log, "first")))
        await until_set(started)
        first.cancel()  # the client hung up
        second = asyncio.ensure_future(calls.write(lambda s: log.append("second ran") or "second"))
        await asyncio.sleep(0.05)
        assert log == ["first started"]  # the second waits for the first call, not for its request
        gate.set()
        assert await second == "second"
        assert log == ["first started", "first ended", "second ran"]
        assert first.cancelled()
    finally:
        gate.set()
        calls.close()


async def test_a_write_that_cannot_start_in_time_is_refused_and_never_runs(service):
    calls = ServiceCalls(service, write_wait=0.1)
    gate, started, log = threading.Event(), threading.Event(), []
    try:
        first = asyncio.ensure_future(calls.write(blocking(gate, started, log, "first")))
        await until_set(started)
        with pytest.raises(StorageError) as refused:
            await calls.write(lambda s: log.append("late write ran"))
        assert refused.value.kind == "locked" and "busy in another program" in str(refused.value)
        gate.set()
        assert await first == "first"
        assert "late write ran" not in log
    finally:
        gate.set()
        calls.close()


async def test_errors_reach_the_request_as_they_are(service):
    calls = ServiceCalls(service)
    try:
        with pytest.raises(NotFoundError, match="No goal with id 'goal_nope'"):
            await calls.read(lambda s: s.get_goal("goal_nope"))
        with pytest.raises(NotFoundError, match="No goal with id 'goal_nope'"):
            await calls.write(lambda s: s.update_goal("goal_nope", title="x"))
        with pytest.raises(RuntimeError, match="StopIteration"):
            await calls.read(lambda s: next(iter(())))
        # The writer is free again after a failed write.
        assert (await asyncio.wait_for(calls.write(lambda s: s.create_goal("After")), 5)).title == "After"
    finally:
        calls.close()


async def test_close_cancels_calls_not_started_and_waits_for_the_running_one(service):
    calls = ServiceCalls(service, threads=1)
    gate, started, log = threading.Event(), threading.Event(), []
    running = asyncio.ensure_future(calls.read(blocking(gate, started, log, "running")))
    await until_set(started)
    queued = asyncio.ensure_future(calls.read(lambda s: log.append("queued ran")))
    await asyncio.sleep(0.01)
    closing = asyncio.ensure_future(asyncio.to_thread(calls.close))
    await asyncio.sleep(0.05)
    assert not closing.done()  # waits for the running call
    gate.set()
    await closing
    assert await running == "running"
    with pytest.raises(asyncio.CancelledError):
        await queued
    assert "queued ran" not in log
    with pytest.raises(RuntimeError, match="closed"):
        await calls.read(lambda s: None)


async def test_reads_beyond_the_threads_wait_their_turn_in_order(service):
    calls = ServiceCalls(service, threads=2)
    gates = [threading.Event(), threading.Event()]
    started = [threading.Event(), threading.Event()]
    log: list = []
    try:
        busy = [asyncio.ensure_future(calls.read(blocking(gates[i], started[i], log, f"busy {i}"))) for i in range(2)]
        for event in started:
            await until_set(event)
        later = [asyncio.ensure_future(calls.read(lambda s, i=i: log.append(f"later {i}") or i)) for i in range(3)]
        await asyncio.sleep(0.05)
        assert not any(task.done() for task in later)  # both threads are busy
        gates[1].set()
        assert await asyncio.wait_for(asyncio.gather(*later), 5) == [0, 1, 2]
        assert [entry for entry in log if entry.startswith("later")] == ["later 0", "later 1", "later 2"]
        assert not busy[0].done()
        gates[0].set()
        assert await busy[0] == "busy 0" and await busy[1] == "busy 1"
    finally:
        for gate in gates:
            gate.set()
        calls.close()

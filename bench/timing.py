"""The timing the benchmarks share, so that a figure and its same-run baseline are taken alike.

A clock is WALL, CPU or wall_and_cpu (both at once: its figures are (wall, CPU) pairs). A bench
imports these as `from timing import ...`: run as `python bench/NAME.py`, it has bench/ first on
its path (as for spawned.py).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

WALL = time.perf_counter
# This process's CPU time (all its threads): on a shared machine, wall time also counts the time
# other jobs held the CPU.
CPU = time.process_time


def wall_and_cpu() -> tuple[float, float]:
    """Both clocks, read together: a clock whose readings are (wall, CPU) pairs."""
    return time.perf_counter(), time.process_time()


def _per(clock: Callable[[], Any], start: Any, count: int = 1) -> Any:
    """What passed by clock since its reading start, divided by count (per field for wall_and_cpu)."""
    end = clock()
    if isinstance(start, tuple):
        return tuple((e - s) / count for s, e in zip(start, end))
    return (end - start) / count


def timed(call: Callable[[], T], clock: Callable[[], Any] = WALL) -> tuple[T, Any]:
    """call()'s result, and what the call took by clock."""
    start = clock()
    result = call()
    return result, _per(clock, start)


def per_call(action: Callable[[int], object], count: int, clock: Callable[[], Any] = WALL) -> Any:
    """What one action(i) took on average over i in range(count), by clock: the loop is timed as
    a whole, for calls too short to time one by one."""
    start = clock()
    for i in range(count):
        action(i)
    return _per(clock, start, count)


def samples(call: Callable[[], object], repeat: int, clock: Callable[[], float] = WALL,
            before: Callable[[], object] | None = None) -> list[float]:
    """What each of `repeat` calls of call() took by clock; before(), when given, runs ahead of
    each call, untimed (to reset a cache the call must find cold)."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = clock()
        call()
        times.append(clock() - start)
    return times


def median_time(call: Callable[[], object], repeat: int, clock: Callable[[], float] = WALL,
                before: Callable[[], object] | None = None) -> float:
    """The median of `repeat` timed calls of call() (see samples)."""
    return statistics.median(samples(call, repeat, clock, before))


def in_turns(sides: Iterable[T], round_: int) -> list[T]:
    """The sides in round round_'s order: as given in even rounds, reversed in odd ones. The
    machine is shared and its load drifts, so no side gets all the quiet moments or always goes first."""
    order = list(sides)
    return order if round_ % 2 == 0 else order[::-1]


def medians(rows: Iterable[Sequence[float]]) -> tuple[float, ...]:
    """The median of each field over rows of figures of equal length (one row a run or round)."""
    return tuple(statistics.median(column) for column in zip(*rows))


__all__ = ["CPU", "WALL", "in_turns", "median_time", "medians", "per_call", "samples", "timed", "wall_and_cpu"]

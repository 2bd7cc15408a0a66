"""Work spread over turns of the event loop, so none of its steps holds the window up."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator

from goals_desktop.ai.turns import TURN_S


def in_turns(*works: Iterator[object]) -> None:
    """Run one step of works (one next()) per turn of the running event loop, one work after the
    other, until they end; each turn after what was already due (see ai/turns.py)."""
    loop = asyncio.get_event_loop()
    steps = itertools.chain(*works)

    def step() -> None:
        if next(steps, steps) is not steps:
            loop.call_later(TURN_S, step)

    loop.call_later(TURN_S, step)


__all__ = ["in_turns"]

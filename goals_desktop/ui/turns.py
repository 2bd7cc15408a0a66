"""Work spread over turns of the event loop, so none of its steps holds the window up."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator


def in_turns(steps: Iterator[object]) -> None:
    """Run one step of steps (one next()) per turn of the running event loop, until they end."""
    loop = asyncio.get_event_loop()

    def step() -> None:
        if next(steps, steps) is not steps:
            loop.call_soon(step)

    loop.call_soon(step)

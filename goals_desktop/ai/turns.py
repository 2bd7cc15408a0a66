"""A turn of the event loop that lets everything already waiting go first."""

from __future__ import annotations

import asyncio

# Under qasync (the window's loop) `asyncio.sleep(0)` and `call_soon` are zero-time Qt timers,
# which Qt may run before timers that are already overdue, so two or three steps of one job ran
# back to back while another job's timer waited (bench/stream_bench.py: its 2 ms tick saw 12 ms of
# work at once after a stream, one step of 4 ms on its own). A 1 ms timer sorts after every timer
# already due. On a plain asyncio loop it costs the job 1 ms per turn, nothing more.
TURN_S = 0.001


async def next_turn() -> None:
    """Suspend until the loop has run what was already due (timers, other tasks' steps)."""
    await asyncio.sleep(TURN_S)


__all__ = ["TURN_S", "next_turn"]

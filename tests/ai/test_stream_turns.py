"""A burst of chunks the HTTP client already holds does not run as one long step of the event loop:
the stream gives the loop a turn every few milliseconds, so a window stays responsive."""

import asyncio
import time

import openai  # noqa: F401  (imported up front: the SDK's import, in a worker thread, is not what is measured)
import pytest

from goals_desktop.ai import generate as gen
from tests.support.openai_server import Reply, milestone_lines

pytestmark = pytest.mark.asyncio

WORK_PER_EVENT = 0.0002  # what a window does with each event (counts, status), in CPU seconds


def busy(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


async def test_a_burst_of_buffered_chunks_leaves_the_loop_turns(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(60), chunk_size=1))  # ~10,000 chunks, as fast as possible
    longest, running = 0.0, True

    async def watch():
        # The loop thread's CPU time between two turns of this task: what it did meanwhile, however
        # loaded the machine (the wall clock would also count other processes).
        nonlocal longest
        while running:
            started = time.thread_time()
            await asyncio.sleep(0)
            longest = max(longest, time.thread_time() - started)

    watcher = None
    events = 0
    async for event in gen.generate_roadmap(goal, provider, progress=True):
        events += 1
        busy(WORK_PER_EVENT)
        if watcher is None and events > 10:
            # A busy moment elsewhere: meanwhile the server sends on, and the client's buffers fill.
            await asyncio.sleep(0.3)
            watcher = asyncio.ensure_future(watch())
    running = False
    await watcher
    assert events > 5000 and isinstance(event, gen.RoadmapReady) and len(event.roadmap.nodes) == 60
    # Without the turns, a buffer's worth of chunks (hundreds) ran in one step: ~0.1 s here.
    assert longest < 0.02, f"the loop was held {longest * 1000:.0f} ms"


async def test_the_request_is_the_sdks_chat_completion(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(3), usage_chunk=True))
    events = [event async for event in gen.generate_roadmap(goal, provider)]
    assert isinstance(events[-1], gen.RoadmapReady) and len(events[-1].roadmap.nodes) == 3
    request = llm_server.requests[-1]
    assert request["path"].endswith("/chat/completions") and request["method"] == "POST"
    assert request["body"]["stream"] is True and request["body"]["temperature"] == 0.4
    assert request["headers"]["authorization"].startswith("Bearer ")

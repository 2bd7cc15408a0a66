import asyncio
import gc
import json
import weakref

import pytest

from goals_desktop.ai import generate as gen
from goals_desktop.ai.settings import ProviderSettings
from goals_desktop.domain import rules
from tests.support.openai_server import Reply, milestone_lines

pytestmark = pytest.mark.asyncio


async def collect(goal, provider, **options):
    return [event async for event in gen.generate_roadmap(goal, provider, backoff=(0.01, 0.01), **options)]


async def test_streams_nodes_then_roadmap_and_sends_prompt(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(7), usage_chunk=True, reasoning=["thinking {\"label\": \"no\"}\n"]))
    events = await collect(goal, provider)
    added = [e for e in events if isinstance(e, gen.NodeAdded)]
    ready = events[-1]
    assert isinstance(ready, gen.RoadmapReady) and not ready.partial
    assert [e.node.label for e in added] == [f"Milestone {i}" for i in range(1, 8)]
    assert [n.id for n in ready.roadmap.nodes] == [e.node.id for e in added]
    # A node arrives before the roadmap is complete.
    assert events.index(added[0]) < len(events) - 2
    assert any(isinstance(e, gen.Status) and e.text == "Received 5 milestones..." for e in events)
    rules.validate_roadmap(ready.roadmap)
    request = llm_server.requests[-1]
    prompt = request["body"]["messages"][-1]["content"]
    assert "Learn Machine Learning" in prompt and "2026-12-31" in prompt
    assert request["body"]["stream"] is True and request["body"]["model"] == "test-model"


async def test_raw_byte_splits_inside_utf8(llm_server, provider, goal):
    content = milestone_lines(6).replace("Milestone", "Étape ✓")
    llm_server.script(Reply(content=content, chunk_size=3, byte_split=5))
    events = await collect(goal, provider)
    assert [n.label for n in events[-1].roadmap.nodes][:2] == ["Étape ✓ 1", "Étape ✓ 2"]


@pytest.mark.parametrize(
    "reply, kind, words",
    [
        (Reply(status=401, error_body={"error": {"message": "bad key"}}), "auth", "API key"),
        (Reply(status=404, error_body={"error": {"message": "no model"}}), "model", "model 'test-model'"),
        (Reply(status=500), "server", "internal error"),
    ],
)
async def test_http_errors_one_sentence(llm_server, provider, goal, reply, kind, words):
    llm_server.script(reply)
    events = await collect(goal, provider)
    assert isinstance(events[-1], gen.Error)
    assert events[-1].kind == kind and words in events[-1].message
    assert events[-1].message.count(". ") == 0 and "\n" not in events[-1].message


async def test_rate_limit_retried_then_succeeds(llm_server, provider, goal):
    llm_server.script(Reply(status=429), Reply(status=429), Reply(content=milestone_lines(6)))
    events = await collect(goal, provider)
    assert isinstance(events[-1], gen.RoadmapReady)
    assert len(llm_server.requests) == 3


async def test_rate_limit_gives_up(llm_server, provider, goal):
    llm_server.script(*[Reply(status=429) for _ in range(3)])
    events = await collect(goal, provider)
    assert events[-1].kind == "rate_limit"


async def test_unreachable(goal):
    settings = ProviderSettings("custom", "http://127.0.0.1:9/v1", "m")
    events = await collect(goal, settings)
    assert events[-1].kind == "unreachable" and "cannot be reached" in events[-1].message


async def test_timeout(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(6), delay_before=1.0))
    events = await collect(goal, provider, timeout=0.2)
    assert events[-1].kind == "timeout"


async def test_not_configured(goal):
    events = await collect(goal, ProviderSettings())
    assert events == [gen.Error(events[0].message, "not_configured")]


async def test_dropped_mid_stream_is_partial(llm_server, provider, goal):
    content = milestone_lines(8)
    llm_server.script(Reply(content=content, chunk_size=len(content) // 8 + 1, drop_after=5))
    events = await collect(goal, provider)
    ready = events[-1]
    assert isinstance(ready, gen.RoadmapReady) and ready.partial
    assert 1 <= len(ready.roadmap.nodes) < 8 and "dropped" in ready.reason


async def test_dropped_before_any_node_is_error(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(8), chunk_size=3, drop_after=2))
    events = await collect(goal, provider)
    assert events[-1].kind == "dropped"


async def test_length_finish_is_partial(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(6) + '{"id": "m7", "lab', finish_reason="length"))
    events = await collect(goal, provider)
    assert events[-1].partial and "output limit" in events[-1].reason and len(events[-1].roadmap.nodes) == 6


async def test_no_milestones(llm_server, provider, goal):
    llm_server.script(Reply(content="Sorry, I can't do that."))
    events = await collect(goal, provider)
    assert events[-1].kind == "no_milestones"


async def test_cancel_closes_stream_promptly(llm_server, provider, goal, service):
    llm_server.script(Reply(content=milestone_lines(40), tokens_per_second=200))
    before = goal.roadmap
    seen = asyncio.Event()

    def on_event(event):
        if isinstance(event, gen.NodeAdded):
            seen.set()

    task = asyncio.create_task(gen.generate_and_save(service, goal.id, provider, on_event))
    await asyncio.wait_for(seen.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(100):
        if llm_server.closed_streams:
            break
        await asyncio.sleep(0.02)
    assert llm_server.closed_streams == 1  # the server saw the connection close before the stream ended
    assert service.get_goal(goal.id).roadmap == before


async def test_save_replaces_once_and_old_kept_on_error(llm_server, provider, service, seed_goal):
    [goal] = service.import_goals([seed_goal])
    old = service.get_goal(goal.id).roadmap.to_dict()
    changes = []
    service.subscribe(lambda change: changes.append(change.kind))
    for reply in (Reply(status=500), Reply(content="nothing"), Reply(content=milestone_lines(6), drop_after=40, chunk_size=20)):
        llm_server.script(reply)
        events = []
        assert await gen.generate_and_save(service, goal.id, provider, events.append, keep_partial=False) is None
        assert isinstance(events[-1], gen.Error)
        assert service.get_goal(goal.id).roadmap.to_dict() == old
    assert changes == []
    # Regenerate keeps the checked milestone with its id and sends it as done.
    llm_server.script(Reply(content='{"id": "m1", "label": "complete python basics"}\n' + milestone_lines(6)))
    events = []
    saved = await gen.generate_and_save(service, goal.id, provider, events.append)
    assert isinstance(events[-1], gen.Success)
    assert changes.count("roadmap") == 1
    assert saved.roadmap.nodes[0].id == "node_1" and saved.roadmap.nodes[0].completed
    assert [n.label for n in saved.roadmap.nodes[1:]] == [f"Milestone {i}" for i in range(1, 7)]
    assert all(n.position is not None for n in saved.roadmap.nodes)
    prompt = llm_server.requests[-1]["body"]["messages"][-1]["content"]
    assert '"Complete Python basics", "done": true' in prompt and "Study linear algebra" not in prompt


async def test_partial_kept_when_accepted(llm_server, provider, service, goal):
    llm_server.script(Reply(content=milestone_lines(6) + '{"id": "m7"', finish_reason="length"))
    asked = []

    async def keep(ready):
        asked.append(ready.reason)
        return True

    saved = await gen.generate_and_save(service, goal.id, provider, None, keep_partial=keep)
    assert asked and len(saved.roadmap.nodes) == 6


async def test_two_goals_at_once(llm_server, provider, service):
    a = service.create_goal("A")
    b = service.create_goal("B")
    llm_server.script(
        Reply(content=milestone_lines(6, "Alpha"), tokens_per_second=400),
        Reply(content=milestone_lines(7, "Beta"), tokens_per_second=400),
    )
    first = asyncio.create_task(gen.generate_and_save(service, a.id, provider))
    while llm_server.active_streams == 0:
        await asyncio.sleep(0.005)
    second = asyncio.create_task(gen.generate_and_save(service, b.id, provider))
    while llm_server.active_streams < 2 and not first.done():
        await asyncio.sleep(0.005)
    assert llm_server.active_streams == 2  # both streams in flight at once
    results = await asyncio.gather(first, second)
    assert [len(r.roadmap.nodes) for r in results] == [6, 7]
    assert service.get_goal(a.id).roadmap.nodes[0].label == "Alpha 1"
    assert service.get_goal(b.id).roadmap.nodes[0].label == "Beta 1"


async def test_frames_are_seed_shaped(goal):
    from goals_desktop.domain.models import Roadmap

    assert gen.Status("Connecting to model...").to_frame() == {"status": "Connecting to model..."}
    assert gen.Success("g").to_frame() == {"goal_id": "g", "success": True}
    assert gen.Error("x").to_frame() == {"error": "x"}
    assert json.dumps(gen.RoadmapReady(Roadmap()).to_frame())


async def test_a_save_made_through_write_is_not_stopped_by_a_late_cancel(llm_server, provider, service, goal):
    """With write= (the Goals API's writer thread), the save is made by that call; a cancel that
    arrives while it waits comes too late: the complete answer is saved all the same."""
    llm_server.script(Reply(content=milestone_lines(3)))
    asked, go_on = asyncio.Event(), asyncio.Event()

    async def write(call):
        asked.set()
        await go_on.wait()  # as a write queued behind another would
        return await asyncio.to_thread(call, service)

    events = []
    task = asyncio.create_task(gen.generate_and_save(service, goal.id, provider, events.append, write=write))
    await asyncio.wait_for(asked.wait(), 10)
    assert service.get_goal(goal.id).roadmap == goal.roadmap  # nothing saved before the write runs
    task.cancel()
    await asyncio.sleep(0.01)
    assert not task.done()
    go_on.set()
    saved = await task
    assert isinstance(events[-1], gen.Success)
    assert [n.label for n in saved.roadmap.nodes] == [n.label for n in service.get_goal(goal.id).roadmap.nodes] == [
        f"Milestone {i}" for i in range(1, 4)
    ]


class _Cycle:
    pass


async def test_later_generations_leave_garbage_to_the_collector(llm_server, provider, goal):
    """A long-running `serve` generates again and again: only the first generation may move objects
    out of the garbage collector's way, or each would keep the garbage of its moment for good."""
    llm_server.script(Reply(content=milestone_lines(3)), Reply(content=milestone_lines(3)))
    was_enabled = gc.isenabled()
    gc.disable()  # so that only the explicit collection below can reclaim the cycle
    try:
        await collect(goal, provider)
        cycle = _Cycle()
        cycle.itself = cycle
        alive = weakref.ref(cycle)
        del cycle
        await collect(goal, provider)
        gc.collect()
        assert alive() is None
    finally:
        if was_enabled:
            gc.enable()

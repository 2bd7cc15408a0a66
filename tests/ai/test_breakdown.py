"""Breaking a milestone down with AI through the real client and the loopback server, and the CLI."""

import json
import os

import pytest

from goals_desktop.ai import generate as gen
from goals_desktop.ai.breakdown import breakdown_and_save
from goals_desktop.domain import rules
from goals_desktop.domain.errors import ConflictError
from goals_desktop.layout.breakdown import FOOTPRINT_HEIGHT, FOOTPRINT_WIDTH
from tests.support.cli_forks import run_cli
from tests.support.openai_server import Reply, milestone_lines

ROADMAP = {
    "nodes": [
        {"id": "a", "label": "Python basics", "completed": True},
        {"id": "m", "label": "Build a model", "estimated_time": "1 month"},
        {"id": "z", "label": "Deploy it"},
    ],
    "edges": [{"id": "e1", "source": "a", "target": "m"}, {"id": "e2", "source": "m", "target": "z"}],
}


@pytest.fixture
def goal_with_roadmap(service, goal):
    service.set_roadmap(goal.id, ROADMAP)
    return goal


def parts(count=4):
    return milestone_lines(count, prefix="Part")


def labels_before(roadmap, node_id):
    label = {n.id: n.label for n in roadmap.nodes}
    return sorted(label[e.source] for e in roadmap.edges if e.target == node_id)


@pytest.mark.asyncio
async def test_parts_stream_in_and_become_the_milestones_prerequisites(llm_server, provider, service, goal_with_roadmap):
    todo = service.todo_from_node(goal_with_roadmap.id, "m")
    llm_server.script(Reply(content=parts(4), chunk_size=3))
    events = []
    saved = await breakdown_and_save(service, goal_with_roadmap.id, "m", provider, events.append)
    assert saved is not None
    roadmap = service.get_goal(goal_with_roadmap.id).roadmap
    rules.validate_roadmap(roadmap)
    assert [n.label for n in roadmap.nodes] == ["Python basics", "Build a model", "Deploy it", "Part 1", "Part 2", "Part 3", "Part 4"]
    by_label = {n.label: n for n in roadmap.nodes}
    # Part 1 -> ... -> Part 4 (a chain): Python basics leads into Part 1, Part 4 into the milestone.
    assert labels_before(roadmap, "m") == ["Part 4"]
    assert labels_before(roadmap, by_label["Part 1"].id) == ["Python basics"]
    assert all(by_label[f"Part {i}"].position is not None for i in range(1, 5))
    assert [e.node.label for e in events if isinstance(e, gen.NodeAdded)] == ["Part 1", "Part 2", "Part 3", "Part 4"]
    assert isinstance(events[-1], gen.Success)
    # The milestone keeps its id, so its todo stays linked; progress counts every node equally.
    assert service.get_todo(todo.id).node_id == "m"
    assert saved.progress == rules.compute_progress(roadmap.nodes) == 14
    prompt = llm_server.requests[-1]["body"]["messages"][-1]["content"]
    assert "Milestone to break down: Build a model" in prompt and "Already before it: Python basics" in prompt
    assert "It leads to: Deploy it" in prompt and "3 to 8 sub-milestones" in prompt


@pytest.mark.asyncio
async def test_errors_and_a_changed_roadmap_leave_everything_as_it_was(llm_server, provider, service, goal_with_roadmap):
    before = service.get_goal(goal_with_roadmap.id).roadmap.to_dict()
    llm_server.script(Reply(status=500))
    events = []
    assert await breakdown_and_save(service, goal_with_roadmap.id, "m", provider, events.append) is None
    assert isinstance(events[-1], gen.Error) and "internal error" in events[-1].message
    llm_server.script(Reply(content="I cannot help with that."))
    events = []
    assert await breakdown_and_save(service, goal_with_roadmap.id, "m", provider, events.append) is None
    assert events[-1].kind == "no_milestones"
    # Only echoes of what is already there: nothing new.
    llm_server.script(Reply(content='{"id": "s1", "label": "build a model"}\n{"id": "s2", "label": "Deploy it"}\n'))
    events = []
    assert await breakdown_and_save(service, goal_with_roadmap.id, "m", provider, events.append) is None
    assert "no new sub-milestones" in events[-1].message
    assert service.get_goal(goal_with_roadmap.id).roadmap.to_dict() == before

    # Someone checks a milestone off while the model answers: the save is refused, nothing lost.
    def meanwhile(event):
        if isinstance(event, gen.NodeAdded) and event.node.label == "Part 1":
            service.update_node(goal_with_roadmap.id, "z", completed=True)

    llm_server.script(Reply(content=parts(3)))
    with pytest.raises(ConflictError):
        await breakdown_and_save(service, goal_with_roadmap.id, "m", provider, meanwhile)
    after = service.get_goal(goal_with_roadmap.id).roadmap
    assert len(after.nodes) == 3 and after.node("z").completed


def test_cli_expand_text_and_json(llm_server, service, goal_with_roadmap, ai_env, db_path):
    env = dict(os.environ, OPENAI_BASE_URL=llm_server.base_url, GOALS_DESKTOP_MODEL="test-model", GOALS_DESKTOP_CONFIG_DIR=str(ai_env))

    def run(*args):
        return run_cli(["roadmap", "expand", *args], env=env, timeout=60)

    llm_server.script(Reply(content=parts(3)))
    result = run(goal_with_roadmap.id, "m")
    assert result.returncode == 0, result.stderr
    assert "  + Part 1" in result.stdout and "“Build a model” now has 3 sub-milestones before it" in result.stdout
    # Laid out in the flow, as in the window (the same layout function): the parts between the
    # prerequisite and the milestone, what follows moved down, nothing overlapping.
    roadmap = service.get_goal(goal_with_roadmap.id).roadmap
    at = {n.id: n.position for n in roadmap.nodes}
    assert all(at.values()), at
    ids = sorted(at)
    assert not [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:]
                if abs(at[a].x - at[b].x) < FOOTPRINT_WIDTH and abs(at[a].y - at[b].y) < FOOTPRINT_HEIGHT]
    new = [n for n in ids if n not in {"a", "m", "z"}]
    assert all(at["a"].y < at[n].y < at["m"].y for n in new) and at["m"].y < at["z"].y
    llm_server.script(Reply(content=milestone_lines(3, prefix="Step")))
    result = run(goal_with_roadmap.id, "z", "--json")
    frames = [json.loads(line) for line in result.stdout.splitlines()]
    assert frames[0] == {"status": "Connecting to model..."} and frames[-1] == {"goal_id": goal_with_roadmap.id, "success": True}
    assert len(frames[-2]["roadmap"]["nodes"]) == 9
    assert sum(1 for f in frames if "node" in f) == 3
    # Bad ids: one line, exit 1, nothing asked of the model.
    requests = len(llm_server.requests)
    result = run(goal_with_roadmap.id, "nope")
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "no milestone 'nope'" in result.stderr
    result = run("goal_nope", "m")
    assert result.returncode == 1 and "No goal" in result.stderr
    assert len(llm_server.requests) == requests
    assert len(service.get_goal(goal_with_roadmap.id).roadmap.nodes) == 9

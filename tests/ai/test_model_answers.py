"""What models really answer: the seed's own roadmap shape and pretty-printed arrays, parsed with
nothing lost; status frames only when the status changes; the prompt a schedule can use."""

import json
import os
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goals_desktop.ai import generate as gen
from goals_desktop.ai.parser import RoadmapParser
from goals_desktop.domain import rules
from goals_desktop.domain.durations import parse_duration
from tests.support.cli_forks import run_cli
from tests.support.openai_server import Reply, milestone_lines

SEED_NODES = [
    {"id": "node_1", "type": "custom", "position": {"x": 0, "y": 0},
     "data": {"label": "Python basics", "details": ["Syntax", "Functions"], "estimatedTime": "2 weeks", "resources": ["Think Python"]}},
    {"id": "node_2", "data": {"label": "Linear algebra", "estimatedTime": "1 month",
                              "resources": [{"title": "Khan Academy", "url": "https://khanacademy.org"}]}},
    # The keys at the top of the node instead of under data.
    {"id": "node_3", "label": "NumPy and pandas", "details": ["Arrays"], "estimatedTime": "3 weeks", "resources": ["Docs"]},
    {"id": "node_4", "data": {"label": "First model", "estimatedTime": "2-3 weeks"}},
]
SEED_EDGES = [
    {"id": "edge_1", "source": "node_1", "target": "node_2"},
    {"id": "edge_2", "source": "node_1", "target": "node_3"},
    {"id": "edge_3", "source": "node_2", "target": "node_4"},
    {"id": "edge_4", "source": "node_3", "target": "node_4"},
]
EXPECTED_LINKS = {("Python basics", "Linear algebra"), ("Python basics", "NumPy and pandas"),
                  ("Linear algebra", "First model"), ("NumPy and pandas", "First model")}


def parse(text: str, size: int | None = None):
    parser = RoadmapParser()
    pieces = [text] if size is None else [text[i : i + size] for i in range(0, len(text), size)]
    found = [m for piece in pieces for m in parser.feed(piece)]
    roadmap = parser.finish()
    rules.validate_roadmap(roadmap)
    return found, roadmap


def links(roadmap):
    label = {n.id: n.label for n in roadmap.nodes}
    return {(label[e.source], label[e.target]) for e in roadmap.edges}


def seed_answers():
    plain = {"nodes": SEED_NODES, "edges": SEED_EDGES}
    yield "pretty", json.dumps(plain, indent=2)
    yield "fenced with prose", "Here is your roadmap:\n```json\n" + json.dumps(plain, indent=4) + "\n```\nGood luck!"
    yield "wrapped", json.dumps({"roadmap": {"title": "Learn ML", **plain}}, indent=2)
    yield "one line", json.dumps({"roadmap": plain})
    yield "edges first", json.dumps({"edges": SEED_EDGES, "nodes": SEED_NODES}, indent=2)
    yield "think then fence", "<think>a {\"label\": \"no\"} b</think>```\n" + json.dumps(plain, indent=1) + "\n```"


@pytest.mark.parametrize(("name", "text"), list(seed_answers()), ids=[n for n, _ in seed_answers()])
@pytest.mark.parametrize("size", [None, 1, 17])
def test_seed_shaped_answers_keep_every_label_and_edge(name, text, size):
    _found, roadmap = parse(text, size)
    assert [n.label for n in roadmap.nodes] == ["Python basics", "Linear algebra", "NumPy and pandas", "First model"]
    assert links(roadmap) == EXPECTED_LINKS and len(roadmap.edges) == 4
    by_label = {n.label: n for n in roadmap.nodes}
    assert by_label["Python basics"].details == ["Syntax", "Functions"]
    assert by_label["Python basics"].resources == ["Think Python"]
    assert by_label["Linear algebra"].resources == ["title: Khan Academy, url: https://khanacademy.org"]
    assert by_label["NumPy and pandas"].estimated_time == "3 weeks" and by_label["NumPy and pandas"].details == ["Arrays"]
    assert [parse_duration(n.estimated_time).days for n in roadmap.nodes] == [14, 30, 21, 21]
    # Nested objects (a node's data, position or a resource) never become milestones of their own.
    assert "Khan Academy" not in by_label


def test_pretty_printed_array_streams_each_milestone_as_its_object_closes():
    objects = [json.loads(line) for line in milestone_lines(5).splitlines()]
    objects[2]["resources"] = [{"title": "A video", "url": "https://example.org"}]
    text = "```json\n" + json.dumps(objects, indent=2) + "\n```\n"
    parser = RoadmapParser()
    seen = []
    first_at = None
    for at in range(len(text)):
        for milestone in parser.feed(text[at]):
            seen.append(milestone.node.label)
            first_at = first_at if first_at is not None else at
    assert seen == [f"Milestone {i}" for i in range(1, 6)]
    assert first_at < len(text) // 4  # the first arrives long before the answer is complete
    roadmap = parser.finish()
    assert len(roadmap.nodes) == 5 and len(roadmap.edges) == 4
    assert roadmap.nodes[2].resources == ["title: A video, url: https://example.org"]
    assert parser.bad_lines == 0


def test_one_line_format_unchanged_and_a_link_list_of_resources_is_not_a_container():
    text = '{"id": "m1", "label": "Read", "links": ["https://a.example"]}\n{"id": "m2", "label": "Write", "depends_on": ["m1"]}\n'
    found, roadmap = parse(text)
    assert [m.node.label for m in found] == ["Read", "Write"]
    assert roadmap.nodes[0].resources == ["https://a.example"]
    assert links(roadmap) == {("Read", "Write")}


def test_pretty_objects_one_after_another_and_a_broken_one():
    good = [json.loads(line) for line in milestone_lines(3).splitlines()]
    text = json.dumps(good[0], indent=2) + "\n" + json.dumps(good[1], indent=2)[:-5] + "\n" + json.dumps(good[2], indent=2) + "\n"
    found, roadmap = parse(text, 3)
    # The cut-short second object costs only itself.
    assert [m.node.label for m in found] == [n.label for n in roadmap.nodes] == ["Milestone 1", "Milestone 3"]


def test_a_broken_node_in_the_seed_shape_costs_only_that_node():
    text = json.dumps({"nodes": SEED_NODES, "edges": SEED_EDGES}, indent=2)
    broken = text.replace('"label": "Linear algebra",', '"label": "Linear algebra", "oops": [1, 2,', 1)
    _found, roadmap = parse(broken, 5)
    assert [n.label for n in roadmap.nodes] == ["Python basics", "NumPy and pandas", "First model"]
    assert links(roadmap) == {("Python basics", "NumPy and pandas"), ("NumPy and pandas", "First model")}


@pytest.mark.asyncio
async def test_seed_shaped_answer_through_the_real_client_is_saved_whole(llm_server, provider, service, goal):
    llm_server.script(Reply(content="```json\n" + json.dumps({"roadmap": {"nodes": SEED_NODES, "edges": SEED_EDGES}}, indent=2) + "\n```", chunk_size=5))
    events = []
    saved = await gen.generate_and_save(service, goal.id, provider, events.append)
    assert saved is not None
    stored = service.get_goal(goal.id).roadmap
    assert sorted(n.label for n in stored.nodes) == sorted(["Python basics", "Linear algebra", "NumPy and pandas", "First model"])
    assert links(stored) == EXPECTED_LINKS
    added = [e.node.label for e in events if isinstance(e, gen.NodeAdded)]
    assert added == ["Python basics", "Linear algebra", "NumPy and pandas", "First model"]


@pytest.mark.asyncio
async def test_status_is_sent_when_it_changes_not_per_chunk(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(6), chunk_size=2))
    events = [e async for e in gen.generate_roadmap(goal, provider)]
    statuses = [e.text for e in events if isinstance(e, gen.Status)]
    assert statuses == ["Connecting to model...", "Generating roadmap..."] + [
        f"Received {n} milestone{'s' if n > 1 else ''}..." for n in range(1, 7)
    ]
    assert not any(isinstance(e, gen.Progress) for e in events)
    # A window asks for progress to keep its token counter alive between status changes.
    llm_server.script(Reply(content=milestone_lines(6), chunk_size=2))
    events = [e async for e in gen.generate_roadmap(goal, provider, progress=True)]
    ticks = [e.tokens for e in events if isinstance(e, gen.Progress)]
    assert len(ticks) > 100 and ticks == sorted(ticks)


@pytest.mark.asyncio
async def test_prompt_has_today_target_context_and_readable_estimates(llm_server, provider, goal):
    llm_server.script(Reply(content=milestone_lines(6)))
    events = [e async for e in gen.generate_roadmap(goal, provider, today=date(2026, 3, 2), context="I know Python.\n5 hours a week")]
    assert isinstance(events[-1], gen.RoadmapReady)
    prompt = llm_server.requests[-1]["body"]["messages"][-1]["content"]
    assert "Today: 2026-03-02" in prompt
    assert "Target date: 2026-12-31 (304 days from today)" in prompt
    assert "About me: I know Python. 5 hours a week" in prompt
    assert '"3 days", "2 weeks", "1-2 months"' in prompt
    # The examples the prompt gives are ones the duration rule reads.
    assert [parse_duration(t).guessed for t in ("3 days", "2 weeks", "1-2 months")] == [False, False, False]
    assert all(not parse_duration(n.estimated_time).guessed for n in events[-1].roadmap.nodes)


def test_cli_json_frames_for_six_milestones_are_few(llm_server, service, goal, db_path, ai_env):
    llm_server.script(Reply(content=milestone_lines(6), chunk_size=2))
    env = dict(os.environ, OPENAI_BASE_URL=llm_server.base_url, GOALS_DESKTOP_MODEL="test-model", GOALS_DESKTOP_CONFIG_DIR=str(ai_env))
    result = run_cli(["roadmap", "generate", goal.id, "--json", "--context", "beginner"], env=env)
    assert result.returncode == 0, result.stderr
    frames = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(frames) == 2 + 6 + 6 + 2  # connecting, generating, 6 nodes, 6 counts, roadmap, success
    assert all(a != b for a, b in zip(frames, frames[1:]))
    assert "About me: beginner" in llm_server.requests[-1]["body"]["messages"][-1]["content"]


@st.composite
def seed_shaped_answers(draw):
    count = draw(st.integers(1, 15))
    labels = [f"Step {chr(65 + i)} {draw(st.sampled_from(['✓', 'é', '二', '']))}".strip() for i in range(count)]
    pairs = draw(st.sets(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(lambda p: p[0] < p[1]), max_size=25))
    nested = draw(st.booleans())
    nodes = []
    for i, label in enumerate(labels):
        fields = {"label": label, "details": ["a"], "estimatedTime": f"{i + 1} weeks", "resources": [{"title": "not a node"}]}
        nodes.append({"id": f"n{i}", "data": fields} if nested else {"id": f"n{i}", **fields})
    edges = [{"id": f"e{k}", "source": f"n{a}", "target": f"n{b}"} for k, (a, b) in enumerate(sorted(pairs))]
    body = {"nodes": nodes, "edges": edges}
    if draw(st.booleans()):
        body = {"roadmap": body}
    kind = draw(st.sampled_from(["seed", "array"]))
    if kind == "array":
        body = [{"id": f"n{i}", "label": label, "estimated_time": "1 week",
                 "depends_on": [f"n{a}" for a, b in sorted(pairs) if b == i]} for i, label in enumerate(labels)]
    text = json.dumps(body, indent=draw(st.sampled_from([None, 1, 2, 4])), ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text = "Here you go:\n```json\n" + text + "\n```\nEnjoy."
    return text, labels, {(labels[a], labels[b]) for a, b in pairs}


@given(seed_shaped_answers(), st.integers(1, 40))
@settings(max_examples=150, deadline=None)
def test_any_seed_shaped_or_array_answer_loses_nothing_whatever_the_chunks(answer, size):
    text, labels, expected_links = answer
    _found, roadmap = parse(text, size)
    assert [n.label for n in roadmap.nodes] == labels
    assert links(roadmap) == expected_links

"""Import files found by content: roadmap.sh roadmaps and JSON Canvas files (our own fixtures in
their shapes), our JSON and the seed's; bad files end in one sentence and create nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goals_desktop.domain import rules
from goals_desktop.domain.errors import GoalsError, ValidationError
from goals_desktop.exchange import read_import

FIXTURES = Path(__file__).parent / "fixtures"


def import_fixture(service, name: str):
    found = read_import((FIXTURES / name).read_bytes(), name)
    return found, service.import_goals(found.goals)


def labels_graph(goal):
    labels = {n.id: n.label for n in goal.roadmap.nodes}
    return {(labels[e.source], labels[e.target]) for e in goal.roadmap.edges}


def test_roadmapsh_topics_and_subtopics_become_a_trackable_goal(service):
    found, [goal] = import_fixture(service, "roadmapsh-kitchen-garden.json")
    assert found.format == "roadmap.sh"
    assert goal.title == "Kitchen Gardening" and goal.progress == 0 and goal.status == "active"
    assert [n.label for n in goal.roadmap.nodes] == [
        "Understand soil", "Choose seeds", "Plant & water", "Harvest",
        "Soil pH", "Compost <basics>", "Heirloom vs hybrid", "Pests (no links at all)",
    ]
    # Only edges between two milestones, none closing a cycle, none repeated, none dangling.
    assert labels_graph(goal) == {
        ("Understand soil", "Choose seeds"),
        ("Choose seeds", "Plant & water"),
        ("Plant & water", "Harvest"),
        ("Understand soil", "Soil pH"),
        ("Understand soil", "Compost <basics>"),
        ("Choose seeds", "Heirloom vs hybrid"),
    }
    rules.validate_roadmap(goal.roadmap)
    # The user can track it at once: a check-off moves progress.
    ticked = service.update_node(goal.id, goal.roadmap.nodes[0].id, completed=True)
    assert ticked.progress == 13


def test_roadmapsh_layout_keeps_its_shape_spread_to_fit_our_boxes(service):
    _, [goal] = import_fixture(service, "roadmapsh-kitchen-garden.json")
    at = {n.label: n.position for n in goal.roadmap.nodes}
    # Same column stays one column, in the same order top to bottom.
    column = [at[label] for label in ("Understand soil", "Choose seeds", "Plant & water", "Harvest")]
    assert len({p.x for p in column}) == 1 and [p.y for p in column] == sorted(p.y for p in column)
    # Subtopics stay left or right of their topic, and the layout starts at 0,0.
    assert at["Soil pH"].x < at["Understand soil"].x < at["Heirloom vs hybrid"].x
    assert min(p.x for p in at.values()) == 0 and min(p.y for p in at.values()) == 0
    # Two subtopics stacked 53 units apart (boxes 49 high) are spread so our 72-high boxes do not overlap.
    assert at["Compost <basics>"].y - at["Soil pH"].y >= 72


def test_roadmapsh_progress_in_the_file_checks_milestones_off(service):
    _, [goal] = import_fixture(service, "roadmapsh-with-progress.json")
    assert goal.title == "Greek letters"
    assert [(n.label, n.completed) for n in goal.roadmap.nodes] == [("Alpha", True), ("Beta", True), ("Gamma", True)]
    assert goal.progress == 100 and goal.status == "completed"


def test_obsidian_canvas_cards_become_milestones(service):
    found, [goal] = import_fixture(service, "novel.canvas")
    assert found.format == "canvas"
    assert goal.title == "Write a novel"
    nodes = {n.label: n for n in goal.roadmap.nodes}
    assert list(nodes) == ["Outline the plot", "Sketch the characters", "First draft", "Setting notes", "https://example.org/style-guide"]
    assert nodes["Sketch the characters"].completed and not nodes["First draft"].completed
    assert nodes["Sketch the characters"].details == ["hero", "villain"]
    assert nodes["Sketch the characters"].notes == "Keep a notebook."
    assert nodes["Outline the plot"].notes == "Three acts, one twist."
    assert nodes["https://example.org/style-guide"].resources == ["https://example.org/style-guide"]
    assert nodes["Outline the plot"].position.to_dict() == {"x": -175, "y": -220}
    assert labels_graph(goal) == {
        ("Outline the plot", "First draft"),
        ("Sketch the characters", "First draft"),  # arrow drawn at the from end: reversed
        ("Setting notes", "First draft"),
    }
    assert goal.progress == 20


def test_our_json_and_the_seed_json_import_as_before(service, seed_goal):
    found = read_import(json.dumps(seed_goal), "seed.json")
    assert found.format == "goals" and found.goals == [seed_goal]
    found = read_import(json.dumps([seed_goal, {"title": "Second"}]), "export.json")
    assert [g["title"] for g in found.goals] == ["Learn Machine Learning", "Second"]
    bare = read_import(json.dumps(seed_goal["roadmap"]), "my_plan.json")
    assert bare.format == "roadmap"
    [goal] = service.import_goals(bare.goals)
    assert goal.title == "my plan" and [n.label for n in goal.roadmap.nodes] == ["Complete Python basics", "Study linear algebra"]


BAD_FILES = [
    (b"", "plan.json is empty."),
    (b"   \n", "plan.json is empty."),
    (b"{not json", "plan.json is not valid JSON (line 1, column 2"),
    (b"\x89PNG\r\n\x1a\n....", "plan.json is a PNG image, which can only be exported;"),
    (b"%PDF-1.4 ...", "plan.json is a PDF document, which can only be exported;"),
    (b"\xff\xfe\x00bad", "plan.json is not UTF-8 text;"),
    (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "plan.json looks like an iCalendar file, which can only be exported;"),
    (b"# My plan\n- [ ] one\n", "plan.json looks like a Markdown document"),
    (b"<?xml version='1.0'?><opml/>", "plan.json looks like an XML file"),
    (b"flowchart TD\n a --> b\n", "plan.json looks like a Mermaid flowchart"),
    (b"42", "plan.json holds a single JSON value"),
    (b'{"hello": "world"}', "plan.json is JSON, but not goals or a roadmap"),
    (b'{"nodes": []}', "plan.json holds no milestones."),
    (b'{"nodes": {"a": 1}}', "plan.json has nodes, but not in a shape Goals Desktop knows"),
    (b'{"nodes": [{"id": "t", "type": "title", "position": {"x": 0, "y": 0}, "data": {"label": "Only a title"}}]}',
     "plan.json holds no milestones: a roadmap.sh roadmap needs topic or subtopic nodes."),
    (b'{"nodes": [{"id": "g", "type": "group", "x": 0, "y": 0, "width": 9, "height": 9}], "edges": []}',
     "plan.json holds no milestones: a JSON Canvas needs text, file or link cards."),
    (b'{"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "text": "A"}], "edges": {}}',
     "plan.json is not a usable JSON Canvas: its 'nodes' and 'edges' must be lists."),
    (b"[" * 100_000, "plan.json is"),
]


@pytest.mark.parametrize("content, message", BAD_FILES)
def test_bad_import_files_give_one_sentence_and_create_nothing(service, seed_goal, content, message):
    service.import_goals([seed_goal])
    before = service.export_goals()
    with pytest.raises(GoalsError) as caught:
        service.import_goals(read_import(content, "plan.json").goals)
    text = str(caught.value)
    assert text.startswith(message)
    assert "\n" not in text and text.endswith(".") and len(text) < 300
    assert service.export_goals() == before


@pytest.mark.parametrize(
    "data, message",
    [
        ([{"title": ""}], "Goal #1 in the import: the title must not be blank."),
        ([{"title": "ok"}, {"title": "Cycle", "roadmap": {
            "nodes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
            "edges": [{"source": "a", "target": "b"}, {"source": "b", "target": "a"}]}}],
         "Goal #2 in the import: the roadmap's edges form a cycle"),
    ],
)
def test_bad_goals_json_is_refused_whole(service, data, message):
    found = read_import(json.dumps(data), "goals.json")
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        service.import_goals(found.goals)
    assert service.export_goals() == []


def test_foreign_labels_are_made_storable(service):
    long = "word " * 100
    document = {
        "nodes": [
            {"id": "a", "type": "topic", "position": {"x": 0, "y": 0}, "data": {"label": "Line one\nline\ttwo\x00"}},
            {"id": "b", "type": "subtopic", "position": {"x": 1e300, "y": "up"}, "data": {"label": long}},
            {"id": "b", "type": "topic", "position": {"x": 5, "y": 5}, "data": {"label": "Same id again"}},
            {"id": "x" * 200, "type": "topic", "position": {"x": 9, "y": 9}, "data": {"label": "Long id"}},
        ],
        "edges": [{"source": "a", "target": "b"}, "junk", {"source": ["a"], "target": "b"}],
    }
    [goal] = service.import_goals(read_import(json.dumps(document), "odd.json").goals)
    labels = [n.label for n in goal.roadmap.nodes]
    assert labels[0] == "Line one line two"
    assert len(labels[1]) == rules.LABEL_MAX and labels[1].endswith("…")
    ids = [n.id for n in goal.roadmap.nodes]
    assert ids[:2] == ["a", "b"] and len(set(ids)) == 4 and all(len(i) <= 100 for i in ids)
    assert [(e.source, e.target) for e in goal.roadmap.edges] == [("a", "b")]

import json

import pytest

from goals_desktop.ai.parser import NoMilestonesError, RoadmapParser
from goals_desktop.domain import rules
from goals_desktop.domain.models import Node
from tests.support.openai_server import milestone_lines


def feed_all(parser, pieces):
    found = []
    for piece in pieces:
        found += parser.feed(piece)
    return found


def test_every_split_point_gives_same_roadmap():
    text = milestone_lines(3).replace("Milestone 2", "Milestone ✓ 二")
    for size in (1, 2, 3, 7, 50):
        parser = RoadmapParser()
        found = feed_all(parser, [text[i : i + size] for i in range(0, len(text), size)])
        assert [m.node.label for m in found] == ["Milestone 1", "Milestone ✓ 二", "Milestone 3"]
        roadmap = parser.finish()
        assert [(e.source, e.target) for e in roadmap.edges] == [
            (found[0].node.id, found[1].node.id),
            (found[1].node.id, found[2].node.id),
        ]


def test_node_emitted_when_its_line_completes():
    parser = RoadmapParser()
    line = milestone_lines(1)
    assert parser.feed(line[:-1]) == []
    assert [m.node.label for m in parser.feed("\n")] == ["Milestone 1"]


def test_fences_prose_think_crlf_trailing_commas():
    text = (
        "<thi" "nk>I should write {\"label\": \"hidden\"}\n</th" "ink>Sure! Here is your roadmap:\r\n```json\r\n"
        '{"id": "m1", "label": "  First\\u0007 step ", "steps": "only one",},\r\n'
        '{"id": "m2", "label": "Second", "depends_on": ["m1", "m99", "m2"], "resources": [1, {"k": "v"}]}\r\n'
        "```\r\nGood luck!"
    )
    parser = RoadmapParser()
    found = feed_all(parser, list(text))
    assert [m.node.label for m in found] == ["First step", "Second"]
    assert found[0].node.details == ["only one"]
    assert found[1].node.resources == ["1", "k: v"]
    assert found[1].depends_on == [found[0].node.id]
    roadmap = parser.finish()
    rules.validate_roadmap(roadmap)
    assert len(roadmap.edges) == 1


def test_bad_line_costs_one_node_and_duplicates_merge():
    text = '{"id": "m1", "label": "A"}\n{"id": "m2", "label": broken}\n{"id": "m3", "label": "a"}\n{"id": "m4", "label": "B", "depends_on": ["m3"]}\n'
    parser = RoadmapParser()
    found = feed_all(parser, [text])
    assert [m.node.label for m in found] == ["A", "B"]
    assert parser.bad_lines == 1
    assert found[1].depends_on == [found[0].node.id]  # m3 merged into A


def test_forward_cycle_broken():
    text = '{"id": "a", "label": "A", "depends_on": ["b"]}\n{"id": "b", "label": "B", "depends_on": ["a"]}\n'
    parser = RoadmapParser()
    feed_all(parser, [text])
    roadmap = parser.finish()
    rules.validate_roadmap(roadmap)
    assert len(roadmap.edges) == 1


def test_single_json_array_fallback():
    text = json.dumps({"milestones": [{"label": "One"}, {"label": "Two", "depends_on": ["One"]}]}, indent=2)
    parser = RoadmapParser()
    feed_all(parser, [text[:10], text[10:]])
    roadmap = parser.finish()
    assert [n.label for n in roadmap.nodes] == ["One", "Two"]
    assert len(roadmap.edges) == 1


def test_long_label_capped():
    parser = RoadmapParser()
    found = parser.feed(json.dumps({"label": "x" * 5000}) + "\n")
    assert len(found[0].node.label) == rules.LABEL_MAX


def test_nothing_usable():
    parser = RoadmapParser()
    parser.feed("I cannot help with that.")
    with pytest.raises(NoMilestonesError, match="no usable milestones"):
        parser.finish()


def test_done_nodes_kept_with_ids_and_echo_merged():
    done = [Node("node_old", "Python basics", completed=True)]
    parser = RoadmapParser(done=done)
    found = feed_all(parser, ['{"id": "m1", "label": "python basics"}\n{"id": "m2", "label": "NumPy", "depends_on": ["done1"]}\n'])
    assert [m.node.label for m in found] == ["NumPy"]
    roadmap = parser.finish()
    assert roadmap.nodes[0].id == "node_old" and roadmap.nodes[0].completed
    assert roadmap.edges[0].source == "node_old"

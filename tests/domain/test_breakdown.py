"""Breaking a milestone down: parts become its prerequisites, the roadmap stays a DAG."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goals_desktop.domain import rules
from goals_desktop.domain.breakdown import MAX_PARTS, expand_milestone
from goals_desktop.domain.errors import NotFoundError, ValidationError
from goals_desktop.domain.models import Edge, Node, Roadmap


def road(labels: dict[str, str], links: list[tuple[str, str]]) -> Roadmap:
    return Roadmap([Node(i, label) for i, label in labels.items()], [Edge(f"e{k}", s, t) for k, (s, t) in enumerate(links)])


def pairs(roadmap: Roadmap) -> set[tuple[str, str]]:
    label = {n.id: n.label for n in roadmap.nodes}
    return {(label[e.source], label[e.target]) for e in roadmap.edges}


def test_parts_go_between_the_prerequisites_and_the_milestone():
    # A -> M -> Z, B -> M; parts: P1 -> P2, P1 -> P3 (P2 and P3 both lead into M).
    roadmap = road({"a": "A", "b": "B", "m": "M", "z": "Z"}, [("a", "m"), ("b", "m"), ("m", "z")])
    parts = road({"s1": "P1", "s2": "P2", "s3": "P3"}, [("s1", "s2"), ("s1", "s3")])
    expanded, new_ids = expand_milestone(roadmap, "m", parts)
    assert len(new_ids) == 3 and not set(new_ids) & {"a", "b", "m", "z", "s1", "s2", "s3"}
    assert pairs(expanded) == {("A", "P1"), ("B", "P1"), ("P1", "P2"), ("P1", "P3"), ("P2", "M"), ("P3", "M"), ("M", "Z")}
    assert expanded.node("m").label == "M"  # the milestone stays, same id
    rules.validate_roadmap(expanded)


def test_echoes_are_dropped_and_nothing_new_is_refused():
    roadmap = road({"a": "A", "m": "Milestone"}, [("a", "m")])
    parts = road({"x": "milestone", "y": "a", "z": "Real step"}, [("x", "z")])
    expanded, new_ids = expand_milestone(roadmap, "m", parts)
    assert [expanded.node(i).label for i in new_ids] == ["Real step"]
    assert pairs(expanded) == {("A", "Real step"), ("Real step", "Milestone")}
    with pytest.raises(ValidationError, match="no new sub-milestones"):
        expand_milestone(roadmap, "m", road({"x": "MILESTONE"}, []))
    with pytest.raises(NotFoundError):
        expand_milestone(roadmap, "nope", parts)


def test_at_most_eight_parts():
    roadmap = road({"m": "M"}, [])
    parts = road({f"s{i}": f"Part {i}" for i in range(12)}, [])
    expanded, new_ids = expand_milestone(roadmap, "m", parts)
    assert len(new_ids) == MAX_PARTS == 8 and len(expanded.nodes) == 9


@given(st.integers(1, 12), st.sets(st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda p: p[0] < p[1]), max_size=30),
       st.integers(1, 10), st.sets(st.tuples(st.integers(0, 9), st.integers(0, 9)).filter(lambda p: p[0] < p[1]), max_size=20),
       st.data())
@settings(max_examples=150, deadline=None)
def test_any_breakdown_keeps_a_dag_and_every_old_node(count, links, part_count, part_links, data):
    roadmap = road({f"n{i}": f"Node {i}" for i in range(count)}, [(f"n{a}", f"n{b}") for a, b in links if b < count])
    target = data.draw(st.sampled_from([n.id for n in roadmap.nodes]))
    parts = road({f"s{i}": f"Part {i}" for i in range(part_count)}, [(f"s{a}", f"s{b}") for a, b in part_links if b < part_count])
    expanded, new_ids = expand_milestone(roadmap, target, parts)
    rules.validate_roadmap(expanded)
    assert {n.id for n in roadmap.nodes} <= {n.id for n in expanded.nodes}
    assert len(new_ids) == min(part_count, MAX_PARTS)
    # Every part leads (eventually) to the milestone; what led into it still does, through the parts.
    successors: dict[str, set[str]] = {}
    for e in expanded.edges:
        successors.setdefault(e.source, set()).add(e.target)

    def reaches(start, goal):
        stack, seen = [start], set()
        while stack:
            current = stack.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                stack.extend(successors.get(current, ()))
        return False

    assert all(reaches(i, target) for i in new_ids)
    assert all(reaches(e.source, target) for e in roadmap.edges if e.target == target)
    assert not any(e.target == target and e.source not in new_ids for e in expanded.edges)

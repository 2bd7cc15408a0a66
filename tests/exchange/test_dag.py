"""Foreign graphs become DAGs: links are taken in file order and dropped when they would close a
cycle (or repeat, loop, dangle) — checked against a plain search, link by link."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from goals_desktop.domain import rules
from goals_desktop.domain.models import Node
from goals_desktop.exchange._common import assemble_roadmap

from .strategies import EXCHANGE_SETTINGS


def reference(node_ids, links):
    """The obvious way: before each link, search whether its target already reaches its source."""
    kept, successors = [], {}

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

    for source, target in links:
        if source not in node_ids or target not in node_ids or source == target or (source, target) in kept:
            continue
        if reaches(target, source):
            continue
        kept.append((source, target))
        successors.setdefault(source, []).append(target)
    return kept


@EXCHANGE_SETTINGS
@given(
    size=st.integers(1, 12),
    links=st.lists(st.tuples(st.integers(-1, 12), st.integers(-1, 12)), max_size=60),
)
def test_links_closing_a_cycle_are_dropped_in_file_order(size, links):
    node_ids = [f"n{i}" for i in range(size)]
    named = [(f"n{a}" if a >= 0 else None, f"n{b}") for a, b in links]
    roadmap = assemble_roadmap([Node(i, i) for i in node_ids], [(None, s, t) for s, t in named])
    assert [(e.source, e.target) for e in roadmap.edges] == reference(set(node_ids), named)
    rules.validate_roadmap(roadmap)


def test_a_long_chain_given_backwards_keeps_every_link_but_the_one_closing_the_circle():
    # Speed for this shape is measured in bench/exchange_bench.py ("import reversed chain").
    size = 20_000
    nodes = [Node(f"n{i}", f"Step {i}") for i in range(size)]
    links = [(None, f"n{i}", f"n{i + 1}") for i in reversed(range(size - 1))]
    links.append((None, f"n{size - 1}", "n0"))
    roadmap = assemble_roadmap(nodes, links)
    assert len(roadmap.edges) == size - 1 and ("n19999", "n0") not in {(e.source, e.target) for e in roadmap.edges}
    assert rules.topological_order([n.id for n in nodes], [(e.source, e.target) for e in roadmap.edges])[:2] == ["n0", "n1"]

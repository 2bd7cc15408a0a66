"""The domain rules, on plain objects (no database)."""

import pytest

from goals_desktop.domain import rules
from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.models import Edge, Node, Roadmap
from goals_desktop.layout import count_crossings, layered_positions


@pytest.mark.parametrize(
    ("done", "total", "expected"),
    [(0, 0, 0), (0, 3, 0), (1, 2, 50), (1, 3, 33), (2, 3, 67), (1, 8, 13), (3, 3, 100)],
)
def test_progress_counts_each_node_equally_rounded(done, total, expected):
    assert rules.compute_progress([True] * done + [False] * (total - done)) == expected


@pytest.mark.parametrize(
    ("status", "total", "done", "expected"),
    [
        ("active", 2, 2, "completed"),
        ("active", 2, 1, "active"),
        ("completed", 2, 1, "active"),
        ("completed", 2, 2, "completed"),
        ("abandoned", 2, 2, "abandoned"),
        ("abandoned", 2, 0, "abandoned"),
        ("completed", 0, 0, "completed"),
    ],
)
def test_status_follows_checking_but_abandoned_stays(status, total, done, expected):
    assert rules.derive_status(status, total, done) == expected


@pytest.mark.parametrize(
    ("given", "normalised"),
    [
        ("2026-12-31", "2026-12-31T00:00:00Z"),
        ("2026-12-31T00:00:00Z", "2026-12-31T00:00:00Z"),
        ("2026-12-31T10:30:00+02:00", "2026-12-31T08:30:00Z"),
        ("2026-12-31T10:30:00.123456", "2026-12-31T10:30:00Z"),
        (" 2026-01-05 ", "2026-01-05T00:00:00Z"),
        (None, None),
        ("", None),
    ],
)
def test_dates_are_normalised_to_utc(given, normalised):
    assert rules.parse_date(given) == normalised


@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "tomorrow", "31/12/2026", 20261231, "9999-12-31T23:59:59-05:00"])
def test_bad_dates_are_refused_with_one_line(bad):
    with pytest.raises(ValidationError) as error:
        rules.parse_date(bad, "target date")
    assert "\n" not in str(error.value) and "date" in str(error.value)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 201, "tab\there", None, 42])
def test_titles_must_be_1_to_200_non_blank_characters(bad):
    with pytest.raises(ValidationError):
        rules.clean_title(bad)


def test_title_is_trimmed_and_200_characters_fit():
    assert rules.clean_title("  Run a marathon ") == "Run a marathon"
    assert rules.clean_title("é" * 200) == "é" * 200


def _roadmap(node_ids, links):
    return Roadmap([Node(n, n) for n in node_ids], [Edge(f"e{i}", s, t) for i, (s, t) in enumerate(links)])


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ([("a", "a")], "itself"),
        ([("a", "b"), ("b", "a")], "cycle"),
        ([("a", "b"), ("b", "c"), ("c", "a")], "cycle"),
        ([("a", "zz")], "unknown node"),
        ([("a", "b"), ("a", "b")], "twice"),
    ],
)
def test_roadmap_must_be_a_dag_of_known_nodes(links, message):
    with pytest.raises(ValidationError, match=message):
        rules.validate_roadmap(_roadmap(["a", "b", "c"], links))


def test_duplicate_node_ids_are_refused():
    with pytest.raises(ValidationError, match="two nodes"):
        rules.validate_roadmap(_roadmap(["a", "a"], []))


def test_roadmap_from_dict_fills_missing_ids_and_accepts_the_seed_shape(seed_goal):
    roadmap = rules.roadmap_from_dict(
        {"nodes": [{"label": "First"}, {"id": "n2", "label": "Second"}], "edges": [{"source": "n2", "target": "n2"}][:0]}
    )
    assert roadmap.nodes[0].id.startswith("node_") and roadmap.nodes[1].id == "n2"
    seed = rules.roadmap_from_dict(seed_goal["roadmap"])
    assert [n.completed for n in seed.nodes] == [True, False]
    assert seed.nodes[0].position.to_dict() == {"x": 100, "y": 100}


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"nodes": {}},
        {"nodes": [{"id": "a"}]},
        {"nodes": [{"id": "a", "label": "A", "completed": "yes"}]},
        {"nodes": [{"id": "a", "label": "A", "position": {"x": "1", "y": 2}}]},
        {"nodes": [{"id": "a", "label": "A", "position": {"x": float("nan"), "y": 2}}]},
        {"nodes": [{"id": 5, "label": "A"}]},
        {"nodes": [{"id": "a", "label": "A"}], "edges": ["a->a"]},
    ],
)
def test_malformed_roadmaps_get_a_clear_error(bad):
    with pytest.raises(ValidationError):
        rules.roadmap_from_dict(bad)


def test_layered_layout_puts_dependencies_above_and_spaces_evenly():
    links = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("a", "d")]
    positions = layered_positions(["a", "b", "c", "d"], links)
    assert positions["a"].y < positions["b"].y == positions["c"].y < positions["d"].y
    assert positions["d"].y - positions["b"].y == positions["b"].y - positions["a"].y
    assert positions["b"].x != positions["c"].x


def test_crossing_reduction_untangles_a_crossed_pair():
    # a1 -> b2 and a2 -> b1 cross in input order; barycenter ordering must uncross them.
    node_ids = ["a1", "a2", "b1", "b2"]
    links = [("a1", "b2"), ("a2", "b1")]
    positions = layered_positions(node_ids, links)
    layers = [sorted(["a1", "a2"], key=lambda n: positions[n].x), sorted(["b1", "b2"], key=lambda n: positions[n].x)]
    assert count_crossings([["a1", "a2"], ["b1", "b2"]], links) == 1
    assert count_crossings(layers, links) == 0

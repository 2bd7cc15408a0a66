"""Hypothesis strategies for exchange tests: goals with random DAG roadmaps and hostile labels."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from goals_desktop.domain import rules
from goals_desktop.domain.models import Edge, Goal, Node, Position, Roadmap

EXAMPLES = int(os.environ.get("EXCHANGE_EXAMPLES", "40"))
EXCHANGE_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Labels meant to break formats: markup of every format we write, bidi controls and RTL scripts,
# emoji sequences, combining marks, separators, quotes, entity look-alikes.
HOSTILE_PIECES = [
    "<b>bold</b>", "<script>alert(1)</script>", "&amp;", "&lt;", "#quot;", "#35;", '"', "'", "`", "```",
    "- [x] ", "- [ ] ", "# ", "> ", "1. ", "* ", "[[link]]", "[a](http://x)", "%%", "==", "$x$", "|", "\\",
    "]]>", "<!--", "-->", "end", "subgraph", "-->", "%%{init}%%", ";", ":", ",", "{", "}", "(", ")",
    "BEGIN:VEVENT", "END:VCALENDAR", "\\n", "\\,", "\\;",
    "\u202e", "\u202d", "\u200f", "\u2066", "\u2069", "مرحبا بالعالم", "שלום", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🎉",
    "e\u0301", "Z̴̡̢͓̝͔͑̈́a̶l̸g̷o̵", "\u2028", "\u2029", "\u00a0", "\ufeff", "ß", "İ",
]


def as_label(text: str) -> str:
    """Any text made a label the domain accepts (it refuses control characters and blank labels)."""
    label = rules.strip_unsafe_characters(text).strip()[: rules.LABEL_MAX].strip() or "Milestone"
    return rules.clean_title(label, "milestone label", rules.LABEL_MAX)


hostile_label = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=6)), min_size=1, max_size=6
).map(lambda pieces: as_label("".join(pieces)))
plain_label = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40).map(
    as_label
)
labels = st.one_of(hostile_label, plain_label)


@st.composite
def roadmaps(draw, max_nodes: int = 10, placed: bool | None = None) -> Roadmap:
    count = draw(st.integers(1, max_nodes))
    nodes = []
    for index in range(count):
        has_position = draw(st.booleans()) if placed is None else placed
        position = None
        if has_position:
            # Tenths, like a drag leaves them; canvas files round to whole units.
            x, y = draw(st.integers(-50_000, 50_000)), draw(st.integers(-50_000, 50_000))
            position = Position(x / 10, y / 10)
        nodes.append(Node(id=f"node_{index}", label=draw(labels), completed=draw(st.booleans()), position=position))
    # Links only from earlier to later nodes: a DAG by construction, in a shuffled order.
    pairs = [(a, b) for a in range(count) for b in range(a + 1, count)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * count)) if pairs else []
    edges = [Edge(f"edge_{i}", f"node_{a}", f"node_{b}") for i, (a, b) in enumerate(chosen)]
    order = draw(st.permutations(nodes))
    return Roadmap(list(order), edges)


@st.composite
def goals(draw, placed: bool | None = None) -> Goal:
    roadmap = draw(roadmaps(placed=placed))
    done = sum(n.completed for n in roadmap.nodes)
    return Goal(
        id="goal_x",
        title=draw(labels),
        description=None,
        target_date=None,
        roadmap=roadmap,
        progress=rules.compute_progress(roadmap.nodes),
        status=rules.derive_status("active", len(roadmap.nodes), done),
        created_at="2026-01-01T00:00:00Z",
        updated_at="2026-01-02T00:00:00Z",
    )


def graph_of(roadmap: Roadmap) -> set[tuple[str, str]]:
    """The dependencies by node id (edge ids and order do not matter)."""
    return {(e.source, e.target) for e in roadmap.edges}

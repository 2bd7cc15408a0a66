"""Whatever a model sends, the parser ends in a valid roadmap or one clear error: no crash, no hang.

Hostile answers are built from real-looking milestone lines mixed with noise (Unicode of every
kind, <think> blocks, fences, prose, broken JSON, wrong types, cycles, unknown dependencies) and fed
in random chunk sizes, as a stream would deliver them.
"""

import json
import time

from hypothesis import given
from hypothesis import strategies as st

from goals_desktop.ai.parser import NoMilestonesError, RoadmapParser
from goals_desktop.domain import rules
from goals_desktop.domain.models import Node

from .conftest import SAFETY_SETTINGS
from .strategies import any_text, nasty_text

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), any_text),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(any_text, children, max_size=4)),
    max_leaves=12,
)

milestone_objects = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from([f"m{i}" for i in range(1, 8)]), any_text, st.integers())},
    optional={
        "label": st.one_of(nasty_text, any_text, json_values),
        "steps": st.one_of(st.lists(st.one_of(any_text, json_values), max_size=6), any_text, json_values),
        "estimated_time": st.one_of(any_text, json_values),
        "resources": st.one_of(st.lists(any_text, max_size=4), json_values),
        "depends_on": st.one_of(
            st.lists(st.one_of(st.sampled_from([f"m{i}" for i in range(0, 9)]), any_text, st.integers()), max_size=4),
            any_text,
            json_values,
        ),
    },
)

lines = st.one_of(
    milestone_objects.map(lambda o: json.dumps(o, ensure_ascii=False)),
    milestone_objects.map(lambda o: json.dumps(o) + ","),  # trailing comma
    milestone_objects.map(lambda o: json.dumps(o)[:-3]),  # cut short
    st.sampled_from(["```json", "```", "Here is your roadmap:", "", "[", "]", "<think>", "</think>", "{", "}"]),
    nasty_text,
)

answers = st.tuples(st.lists(lines, max_size=25), st.sampled_from(["\n", "\r\n"])).map(lambda t: t[1].join(t[0]))


def chunked(text: str, sizes: list[int]) -> list[str]:
    pieces, position = [], 0
    for size in sizes or [len(text) or 1]:
        if position >= len(text):
            break
        pieces.append(text[position : position + size])
        position += size
    if position < len(text):
        pieces.append(text[position:])
    return pieces


@SAFETY_SETTINGS
@given(answer=answers, sizes=st.lists(st.integers(1, 64), max_size=40), keep_done=st.booleans())
def test_any_answer_gives_a_valid_roadmap_or_one_clear_error(answer, sizes, keep_done):
    done = [Node("node_kept", "Already done", True)] if keep_done else []
    parser = RoadmapParser(done=done)
    started = time.monotonic()
    for piece in chunked(answer, sizes):
        parser.feed(piece)
    try:
        roadmap = parser.finish()
    except NoMilestonesError as error:
        assert "\n" not in str(error) and str(error).endswith(".")
        return
    finally:
        assert time.monotonic() - started < 5, "parsing must never hang"
    rules.validate_roadmap(roadmap)
    for node in roadmap.nodes:
        # What reaches the database and the widgets passes the same rules as typed input.
        assert rules.clean_title(node.label, "milestone label", rules.LABEL_MAX) == node.label
        assert all(isinstance(step, str) for step in node.details + node.resources)
    if keep_done:
        assert roadmap.node("node_kept") is not None and roadmap.node("node_kept").completed


@SAFETY_SETTINGS
@given(answer=answers)
def test_chunking_does_not_change_the_result(answer):
    """The same answer in one piece or one character at a time gives the same milestones."""

    def labels(pieces):
        parser = RoadmapParser()
        for piece in pieces:
            parser.feed(piece)
        try:
            return [node.label for node in parser.finish().nodes]
        except NoMilestonesError:
            return None

    assert labels([answer]) == labels(list(answer))

"""Hostile labels (markup of every format, newlines in notes, RTL and bidi controls, emoji) survive
every text format without breaking it: each file is read back with a real parser and every label
comes back as it was, with no markup of its own."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from goals_desktop.exchange import export_bytes, read_import
from goals_desktop.exchange._common import isolate
from goals_desktop.exchange.opml import xml_text

from .strategies import EXCHANGE_SETTINGS, goals, labels

notes = st.lists(st.one_of(labels, st.sampled_from(["\n", "\n\n", "- [x] fake", "# heading", "\t- step", "```"])), max_size=6).map("".join)


@st.composite
def hostile_goals(draw):
    goal = draw(goals())
    for node in goal.roadmap.nodes:
        node.notes = draw(notes)
        node.details = draw(st.lists(labels, max_size=2))
    goal.description = draw(notes) or None
    return goal


def _markdown_items(markdown: str):
    tokens = MarkdownIt("commonmark").use(tasklists_plugin).parse(markdown)
    heading = tokens[1].children
    items = []
    for index, token in enumerate(tokens):
        if token.type == "list_item_open" and "task-list-item" in (token.attrGet("class") or ""):
            _checkbox, *rest = tokens[index + 2].children
            items.append(rest)
    return heading, items


@EXCHANGE_SETTINGS
@given(goal=hostile_goals())
def test_markdown_keeps_every_label_as_plain_text_and_one_checkbox_each(goal):
    markdown = export_bytes(goal, "md").decode()
    heading, items = _markdown_items(markdown)
    assert all(child.type == "text" for child in heading)
    assert "".join(c.content for c in heading) == isolate(goal.title)
    assert len(items) == len(goal.roadmap.nodes)
    assert len(re.findall(r"^\s*[-*+] \[[ xX]\] ", markdown, re.M)) == len(goal.roadmap.nodes)
    texts = []
    for children in items:
        # Only text: no emphasis, link, code or HTML made from a label.
        assert all(child.type == "text" for child in children), [c.type for c in children]
        texts.append("".join(c.content for c in children).removeprefix(" "))
    for node in goal.roadmap.nodes:
        assert any(text == isolate(node.label) or text.startswith(isolate(node.label) + " — ") for text in texts)


_MERMAID_LINE = re.compile(
    r'^(---|title: ".*"|flowchart TD|    n\d+\["[^"]*"\]|    n\d+ --> n\d+|    classDef done [^ ]+|    class n\d+(,n\d+)* done)$'
)


@EXCHANGE_SETTINGS
@given(goal=hostile_goals())
def test_mermaid_lines_keep_their_grammar_and_labels_decode_back(goal):
    text = export_bytes(goal, "mermaid").decode()
    lines = text.split("\n")
    assert lines[-1] == "" and all(_MERMAID_LINE.match(line) for line in lines[:-1]), text
    assert json.loads(lines[1].removeprefix("title: ")) == goal.title
    decoded = [
        re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), m.group(1))
        for m in re.finditer(r'^    n\d+\["([^"]*)"\]$', text, re.M)
    ]
    assert sorted(decoded) == sorted(n.label for n in goal.roadmap.nodes)
    # Apart from entity codes, no ASCII punctuation is left in a label for Mermaid to read as markup.
    for match in re.finditer(r'^    n\d+\["([^"]*)"\]$', text, re.M):
        assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"#\d+;", "", match.group(1)))


@EXCHANGE_SETTINGS
@given(goal=hostile_goals())
def test_calendar_events_keep_their_labels(goal):
    planned = {node.id: date(2026, 1, 1 + index % 28) for index, node in enumerate(goal.roadmap.nodes)}
    events = Calendar.from_ical(export_bytes(goal, "ics", planned)).walk("VEVENT")
    assert len(events) == len(goal.roadmap.nodes)
    # icalendar drops a byte order mark (U+FEFF) at the very start of a text: the one loss, invisible.
    expected = sorted((("✓ " if n.completed else "") + n.label).removeprefix("\ufeff") for n in goal.roadmap.nodes)
    assert sorted(str(e["SUMMARY"]) for e in events) == expected
    by_uid = {str(e["UID"]) for e in events}
    assert len(by_uid) == len(events)


@EXCHANGE_SETTINGS
@given(goal=hostile_goals())
def test_opml_parses_and_keeps_labels(goal):
    root = ET.fromstring(export_bytes(goal, "opml"))
    found = sorted(o.get("text") for o in root.iter("outline"))
    assert found == sorted(xml_text(n.label) for n in goal.roadmap.nodes)
    assert root.find("head/title").text == xml_text(goal.title)


@EXCHANGE_SETTINGS
@given(goal=hostile_goals())
def test_canvas_parses_and_keeps_labels_steps_and_notes_apart(goal):
    document = json.loads(export_bytes(goal, "canvas"))
    [data] = read_import(json.dumps(document), "x.canvas").goals
    back = {n["id"]: n for n in data["roadmap"]["nodes"]}
    for node in goal.roadmap.nodes:
        assert back[node.id]["label"] == node.label
        assert back[node.id]["completed"] is node.completed
        assert len(back[node.id]["details"]) == len(node.details)
        # Notes never turn into steps or a second milestone.
        assert bool(back[node.id]["notes"]) == bool(node.notes.strip())

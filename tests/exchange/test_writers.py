"""Each text format read back with a real parser: Markdown (markdown-it), iCalendar (icalendar),
OPML (ElementTree), Mermaid (its line grammar)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from goals_desktop.domain import rules
from goals_desktop.domain.models import Goal
from goals_desktop.exchange import export_bytes
from goals_desktop.exchange.ics import milestone_uid


def make_goal(seed_goal, **changes) -> Goal:
    data = {**seed_goal, **changes}
    return Goal(**{**data, "roadmap": rules.roadmap_from_dict(data["roadmap"])})


@pytest.fixture
def chain_goal(seed_goal):
    seed_goal["roadmap"]["nodes"] += [
        {"id": "node_3", "label": "Build a model", "details": ["pick a data set", "train"], "estimated_time": "3 weeks",
         "due_date": "2026-06-01", "notes": "Keep notes.\n- [x] not a milestone", "position": {"x": 150, "y": 250}},
        {"id": "node_4", "label": "Write it up", "position": {"x": 150, "y": 400}},
    ]
    seed_goal["roadmap"]["edges"] += [
        {"id": "edge_2", "source": "node_2", "target": "node_3"},
        {"id": "edge_3", "source": "node_1", "target": "node_4"},
        {"id": "edge_4", "source": "node_3", "target": "node_4"},
    ]
    return make_goal(seed_goal)


def task_items(markdown: str) -> list[tuple[bool, str]]:
    """(checked, text) of each task-list item, as a Markdown renderer sees them."""
    parser = MarkdownIt("commonmark").use(tasklists_plugin)
    tokens = parser.parse(markdown)
    items = []
    for index, token in enumerate(tokens):
        if token.type == "list_item_open" and "task-list-item" in (token.attrGet("class") or ""):
            inline = tokens[index + 2]
            checkbox, *rest = inline.children
            checked = 'checked="checked"' in checkbox.content
            items.append((checked, "".join(c.content for c in rest if c.type == "text").removeprefix(" ")))
    return items


def test_markdown_has_one_checkbox_line_per_milestone_in_dependency_order(chain_goal):
    markdown = export_bytes(chain_goal, "md").decode()
    assert markdown.startswith("# Learn Machine Learning\n")
    assert "Target date: 2026-12-31" in markdown and "Progress: 25% (1 of 4 milestones done)" in markdown
    items = task_items(markdown)
    assert [checked for checked, _ in items] == [True, False, False, False]
    assert [text.split(" — ")[0] for _, text in items] == [
        "Complete Python basics", "Study linear algebra", "Build a model", "Write it up"
    ]
    assert "Build a model — ≈ 3 weeks · due 2026-06-01" in items[2][1]
    # Write it up follows Build a model directly but also needs Python basics: both are named.
    assert items[3][1].endswith("after Complete Python basics, Build a model")
    assert "  - pick a data set\n  - train\n" in markdown
    assert len(re.findall(r"^\s*[-*+] \[[ xX]\] ", markdown, re.M)) == 4


def test_markdown_uses_planned_dates_where_there_is_no_due_date(chain_goal):
    markdown = export_bytes(chain_goal, "md", planned={"node_2": date(2026, 4, 1), "node_3": "2026-01-01"}).decode()
    assert "Study linear algebra — planned 2026-04-01" in markdown
    assert "due 2026-06-01" in markdown and "2026-01-01" not in markdown


def test_mermaid_flowchart_with_done_class(chain_goal):
    text = export_bytes(chain_goal, "mermaid").decode()
    lines = text.splitlines()
    assert lines[:4] == ["---", 'title: "Learn Machine Learning"', "---", "flowchart TD"]
    assert '    n0["Complete Python basics"]' in lines
    assert "    n0 --> n1" in lines and "    n2 --> n3" in lines and "    n0 --> n3" in lines
    assert "    class n0 done" in lines
    assert any(line.startswith("    classDef done ") for line in lines)


def test_ics_one_all_day_event_per_dated_milestone_with_stable_uids(service, chain_goal):
    [goal] = service.import_goals([chain_goal.to_dict()])
    planned = {"node_2": date(2026, 4, 1)}
    first = Calendar.from_ical(export_bytes(goal, "ics", planned))
    events = first.walk("VEVENT")
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in events] == [
        ("Study linear algebra", date(2026, 4, 1)),
        ("Build a model", date(2026, 6, 1)),
    ]
    assert all(e["DTEND"].dt - e["DTSTART"].dt == (date(2026, 1, 2) - date(2026, 1, 1)) for e in events)
    uids = [str(e["UID"]) for e in events]
    assert uids == [milestone_uid(goal.id, "node_2"), milestone_uid(goal.id, "node_3")]
    # Tick, rename and re-date: the same milestones keep the same UIDs.
    goal = service.update_node(goal.id, "node_2", completed=True, label="Linear algebra")
    goal = service.update_node(goal.id, "node_3", due_date="2026-07-01")
    again = Calendar.from_ical(export_bytes(goal, "ics", planned)).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == uids
    assert [str(e["SUMMARY"]) for e in again] == ["✓ Linear algebra", "Build a model"]
    assert again[1]["DTSTART"].dt == date(2026, 7, 1)
    assert milestone_uid("goal_a:b", "c") != milestone_uid("goal_a", "b:c")


def test_ics_lines_are_folded_and_text_escaped(seed_goal):
    label = "A very long milestone label, with; commas and semicolons \\ and " + "é" * 80
    seed_goal["roadmap"]["nodes"][0].update(label=label, due_date="2026-05-05", notes="line one\nline two")
    raw = export_bytes(make_goal(seed_goal), "ics")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\\;" in raw and b"\\," in raw and b"\\n" in raw
    [event] = Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == "✓ " + label
    assert "line one\nline two" in str(event["DESCRIPTION"])


def test_ics_without_dates_is_an_empty_calendar(seed_goal):
    calendar = Calendar.from_ical(export_bytes(make_goal(seed_goal), "ics"))
    assert calendar.walk("VEVENT") == [] and str(calendar["X-WR-CALNAME"]) == "Learn Machine Learning"


def test_opml_tree_puts_each_milestone_under_its_first_prerequisite(chain_goal):
    root = ET.fromstring(export_bytes(chain_goal, "opml"))
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.find("head/title").text == "Learn Machine Learning"

    def tree(element):
        return [(o.get("text"), o.get("_status"), tree(o)) for o in element.findall("outline")]

    assert tree(root.find("body")) == [
        (
            "Complete Python basics",
            "checked",
            [
                ("Study linear algebra", None, [("Build a model", None, [])]),
                ("Write it up", None, []),
            ],
        )
    ]
    build = root.find("body/outline/outline/outline")
    assert build.get("_note").splitlines()[:4] == ["Estimate: 3 weeks", "Due: 2026-06-01", "- pick a data set", "- train"]


@pytest.mark.parametrize("fmt", ["md", "mermaid", "canvas", "ics", "opml"])
def test_goal_without_roadmap_still_exports(seed_goal, fmt):
    goal = make_goal(seed_goal, roadmap=None)
    assert "Learn Machine Learning".encode() in export_bytes(goal, fmt)


def test_ics_keeps_a_literal_backslash_n(seed_goal):
    # icalendar's own text type would read "\N" in a label as a line break (Hypothesis found it).
    label = r"Read C:\Notes\New and \n too"
    seed_goal["roadmap"]["nodes"][1].update(label=label, due_date="2026-05-05")
    [event] = Calendar.from_ical(export_bytes(make_goal(seed_goal), "ics")).walk("VEVENT")
    assert str(event["SUMMARY"]) == label

"""`goals export GOAL_ID --format F --output FILE` for every format and `goals import FILE` with
the format found from the content; images render without a display."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtGui import QImage

from goals_desktop.cli import main
from tests.support.cli_forks import run_cli

FIXTURES = Path(__file__).parent.parent / "exchange" / "fixtures"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def goal_id(service, seed_goal):
    seed_goal["roadmap"]["nodes"][1]["due_date"] = "2026-05-01"
    [goal] = service.import_goals([seed_goal])
    return goal.id


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("md", lambda data: data.decode().count("- [") == 2),
        ("mermaid", lambda data: data.decode().splitlines()[3] == "flowchart TD"),
        ("canvas", lambda data: len(json.loads(data)["nodes"]) == 3),
        ("ics", lambda data: len(Calendar.from_ical(data).walk("VEVENT")) == 1),
        ("opml", lambda data: ET.fromstring(data).find("body/outline").get("text") == "Complete Python basics"),
    ],
)
def test_text_formats_to_a_file_and_to_standard_output(capsys, db_path, tmp_path, goal_id, fmt, check):
    path = tmp_path / f"plan.{fmt}"
    code, out, err = run(capsys, "goals", "export", goal_id, "--format", fmt, "--output", str(path))
    assert code == 0 and err == "" and str(path) in out
    assert check(path.read_bytes())
    code, out, _ = run(capsys, "goals", "export", goal_id, "--format", fmt)
    assert code == 0 and check(out.encode())


def test_format_follows_the_output_extension_and_json_stays_the_default(capsys, db_path, tmp_path, goal_id):
    assert run(capsys, "goals", "export", goal_id, "--output", str(tmp_path / "plan.ics"))[0] == 0
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert run(capsys, "goals", "export", goal_id, "--output", str(tmp_path / "plan.txt"))[0] == 0
    assert json.loads((tmp_path / "plan.txt").read_text())[0]["id"] == goal_id
    code, out, _ = run(capsys, "goals", "export", goal_id)
    assert json.loads(out)[0]["todos"] == []


def cli_without_display(*argv, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return run_cli(argv, env=env, cwd=cwd, timeout=120)


def test_images_export_from_the_cli_without_a_display(db_path, tmp_path, goal_id):
    for name, extra in (("one.png", []), ("two.png", ["--scale", "2", "--transparent"]), ("map.svg", []), ("map.pdf", [])):
        result = cli_without_display("goals", "export", goal_id, "--output", str(tmp_path / name), *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    one, two = QImage(str(tmp_path / "one.png")), QImage(str(tmp_path / "two.png"))
    assert not one.isNull() and (two.width(), two.height()) == (2 * one.width(), 2 * one.height())
    assert two.pixelColor(0, 0).alpha() == 0 and one.pixelColor(0, 0).alpha() == 255
    svg = ET.parse(tmp_path / "map.svg").getroot()
    texts = " ".join("".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "Complete Python basics" in texts and "Study linear algebra" in texts
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


BAD = [
    (["goals", "export", "--format", "md"], "--format md exports one goal; give exactly one ID"),
    (["goals", "export", "goal_123", "goal_123", "--format", "ics"], "--format ics exports one goal"),
    (["goals", "export", "goal_123", "--format", "png"], "--format png writes a file; give --output FILE"),
    (["goals", "export", "goal_nope", "--format", "md"], "No goal with id 'goal_nope'."),
    (["goals", "export", "goal_123", "--format", "md", "--output", "/nonexistent/dir/plan.md"], "cannot write"),
]


@pytest.mark.parametrize("argv, message", BAD)
def test_bad_export_requests_are_one_line(capsys, db_path, goal_id, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and err.count("\n") == 1 and message in err


def test_unknown_format_is_a_usage_error(capsys, db_path):
    with pytest.raises(SystemExit) as caught:
        main(["goals", "export", "x", "--format", "docx"])
    assert caught.value.code == 2 and "invalid choice: 'docx'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "fixture, title, fmt", [("roadmapsh-kitchen-garden.json", "Kitchen Gardening", "roadmap.sh roadmap"), ("novel.canvas", "Write a novel", "JSON Canvas")]
)
def test_import_finds_the_format_from_the_content(capsys, db_path, tmp_path, fixture, title, fmt):
    # Renamed: the name says nothing, the content does.
    path = tmp_path / "download.txt"
    path.write_bytes((FIXTURES / fixture).read_bytes())
    code, out, err = run(capsys, "goals", "import", str(path))
    assert code == 0 and err == ""
    assert f": {title} (" in out and out.endswith(f"%) from a {fmt}\n")
    code, out, _ = run(capsys, "goals", "list", "--json")
    assert [g["title"] for g in json.loads(out)] == [title]


def test_import_from_standard_input(db_path, tmp_path):
    result = run_cli(["goals", "import", "-"], input=(FIXTURES / "roadmapsh-with-progress.json").read_bytes(),
                     text=False, timeout=60, cwd=tmp_path)
    assert result.returncode == 0 and b"Greek letters (100%) from a roadmap.sh roadmap" in result.stdout


def test_bad_import_file_is_one_line_and_creates_nothing(capsys, db_path, tmp_path, goal_id):
    before = run(capsys, "goals", "export")[1]
    path = tmp_path / "plan.ics"
    path.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    code, out, err = run(capsys, "goals", "import", str(path))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "looks like an iCalendar file, which can only be exported" in err
    assert run(capsys, "goals", "export")[1] == before


def test_calendar_and_markdown_use_the_schedules_planned_dates(capsys, db_path, service, monkeypatch):
    from tests.exchange.plans import DATED_PLAN, PLANNED, TODAY

    monkeypatch.setenv("GOALS_DESKTOP_TODAY", TODAY)
    [goal] = service.import_goals([DATED_PLAN])
    code, out, err = run(capsys, "goals", "export", goal.id, "--format", "ics")
    assert code == 0 and err == ""
    events = Calendar.from_ical(out.encode()).walk("VEVENT")
    # The done milestone has no date; the one the user dated keeps its own.
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in events] == [
        ("Order the plants", PLANNED["b"]),
        ("Dig the trench", date(2026, 3, 20)),
        ("Plant and water", PLANNED["d"]),
    ]
    assert ["Planned date from the schedule." in str(e["DESCRIPTION"]) for e in events] == [True, False, True]

    code, out, _ = run(capsys, "goals", "export", goal.id, "--format", "md")
    assert code == 0
    assert "Order the plants — ≈ 1 week · planned 2026-03-17" in out
    assert "Dig the trench — ≈ 3 days · due 2026-03-20" in out
    assert "Plant and water — ≈ 2 days · planned 2026-03-31" in out

    # Planned dates follow the plan: a milestone ticked off has none any more.
    service.update_node(goal.id, "b", completed=True)
    code, out, _ = run(capsys, "goals", "export", goal.id, "--format", "ics")
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(out.encode()).walk("VEVENT")] == ["Dig the trench", "Plant and water"]

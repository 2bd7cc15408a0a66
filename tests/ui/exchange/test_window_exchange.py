"""File ▸ Export… and File ▸ Import… in the real window, driven through the real file dialogs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QFileSystemModel, QLineEdit

from goals_desktop.ui.export_image import render_image

FIXTURES = Path(__file__).parents[2] / "exchange" / "fixtures"


def file_menu_action(window, text):
    return next(a for a in window.file_menu.actions() if a.text().replace("&", "") == text)


def type_into_dialog(qtbot, dialog: QFileDialog, path: Path, name_filter: str | None = None) -> None:
    """As a person would: pick the file type, type the name, click Save (or Open)."""
    qtbot.waitExposed(dialog)
    if name_filter is not None:
        assert name_filter in dialog.nameFilters()
        dialog.selectNameFilter(name_filter)
    # The folder is picked like any other (not the subject here); the name is typed once the
    # dialog has listed the folder (it does that in the background and ignores typing before).
    model = dialog.findChild(QFileSystemModel)
    with qtbot.waitSignal(model.directoryLoaded, timeout=3000, raising=False):
        dialog.setDirectory(str(path.parent))
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    edit.clear()
    qtbot.keyClicks(edit, path.name)
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    accept = buttons.button(QDialogButtonBox.StandardButton.Save) or buttons.button(QDialogButtonBox.StandardButton.Open)
    qtbot.waitUntil(accept.isEnabled)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def open_from_menu(qtbot, window, text) -> QFileDialog:
    window.file_menu.setVisible(False)
    file_menu_action(window, text).trigger()
    dialog = window.exchange.last_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    return dialog


def test_file_menu_has_import_and_export(window):
    texts = [a.text().replace("&", "") for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts.index("Import…") < texts.index("Export…") < texts.index("Quit")
    assert file_menu_action(window, "Export…").isEnabled()


@pytest.mark.parametrize(
    "name_filter, file_name, check",
    [
        ("PNG image at twice the size (*.png)", "map", "png2x"),
        ("iCalendar (*.ics)", "plan.ics", "ics"),
        ("Markdown (*.md *.markdown)", "plan", "md"),
        ("Goals JSON, with todos (*.json)", "goal.json", "json"),
        ("PDF document (*.pdf)", "map.pdf", "pdf"),
    ],
)
def test_export_writes_the_format_picked_in_the_dialog(qtbot, window, tmp_path, name_filter, file_name, check):
    goal = window.goals.current_goal()
    window.service.update_node(goal.id, "node_2", due_date="2026-05-01")
    dialog = open_from_menu(qtbot, window, "Export…")
    type_into_dialog(qtbot, dialog, tmp_path / file_name, name_filter)
    written = list(tmp_path.glob("*.*"))
    written = [p for p in written if p.name != "settings.ini" and p.suffix != ".sqlite3" and "sqlite3" not in p.name]
    assert len(written) == 1
    path = written[0]
    data = path.read_bytes()
    assert "Exported “Learn Machine Learning”" in window.statusBar().currentMessage()
    if check == "png2x":
        assert path.name == "map.png"
        image, single = QImage(str(path)), QImage()
        single.loadFromData(render_image(window.service.get_goal(goal.id), "png"))
        assert (image.width(), image.height()) == (2 * single.width(), 2 * single.height())
    elif check == "ics":
        [event] = Calendar.from_ical(data).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Study linear algebra"
    elif check == "md":
        assert path.name == "plan.md" and data.decode().count("- [") == 2
    elif check == "json":
        assert json.loads(data)[0]["id"] == goal.id and "todos" in json.loads(data)[0]
    else:
        assert data.startswith(b"%PDF")


def test_import_roadmapsh_is_one_undo_step(qtbot, window):
    before = [g.id for g in window.service.list_goals()]
    dialog = open_from_menu(qtbot, window, "Import…")
    type_into_dialog(qtbot, dialog, FIXTURES / "roadmapsh-kitchen-garden.json")
    goals = window.service.list_goals()
    assert len(goals) == len(before) + 1
    imported = goals[-1]
    assert imported.title == "Kitchen Gardening"
    # The new goal is shown at once, ready to track.
    qtbot.waitUntil(lambda: window.goals.current_goal_id() == imported.id)
    assert len(window.editor.scene.nodes) == 8
    assert window.statusBar().currentMessage() == "Imported “Kitchen Gardening” from a roadmap.sh roadmap: 8 milestones."
    assert window.undo_stack.undoText() == "Import “Kitchen Gardening”"

    roadmap = window.service.get_goal(imported.id).roadmap.to_dict()
    window.undo_stack.undo()
    assert [g.id for g in window.service.list_goals()] == before
    window.undo_stack.redo()
    assert [g.id for g in window.service.list_goals()] == [*before, imported.id]
    assert window.service.get_goal(imported.id).roadmap.to_dict() == roadmap


def test_import_of_our_export_brings_todos_and_undo_takes_them_away(qtbot, window, tmp_path):
    goal = window.goals.current_goal()
    window.service.todos_from_roadmap(goal.id)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(window.service.export_goals([goal.id], include_todos=True)))
    window.exchange.import_from(str(exported))
    copy = window.service.list_goals()[-1]
    assert copy.id != goal.id
    assert [t.title for t in window.service.list_todos(goal_id=copy.id)] == ["Learn Machine Learning"]
    window.undo_stack.undo()
    assert [g.id for g in window.service.list_goals()] == [goal.id]
    assert [t.goal_id for t in window.service.list_todos()] == [goal.id]
    window.undo_stack.redo()
    assert [t.title for t in window.service.list_todos(goal_id=copy.id)] == ["Learn Machine Learning"]


def test_bad_import_file_is_one_line_and_changes_nothing(qtbot, window, tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    before = window.service.export_goals(include_todos=True)
    dialog = open_from_menu(qtbot, window, "Import…")
    type_into_dialog(qtbot, dialog, bad)
    message = window.statusBar().currentMessage()
    assert message.startswith("plan.json looks like an iCalendar file") and "\n" not in message
    assert window.service.export_goals(include_todos=True) == before
    assert window.undo_stack.count() == 0


@pytest.mark.parametrize("content", ["[5]", "[]", '[{"title": ""}]'])
def test_odd_goal_lists_are_refused_or_harmless(qtbot, window, tmp_path, content):
    path = tmp_path / "odd.json"
    path.write_text(content)
    before = window.service.export_goals(include_todos=True)
    assert window.exchange.import_from(str(path)) == []
    assert window.service.export_goals(include_todos=True) == before
    message = window.statusBar().currentMessage()
    assert message and "\n" not in message


def test_calendar_export_from_the_window_uses_the_planned_due_dates(qtbot, window, tmp_path):
    # tests/ui/conftest.py pins today to 2026-03-02, the day tests/exchange/plans.py is worked out for.
    from tests.exchange.plans import DATED_PLAN, PLANNED

    [goal] = window.service.import_goals([DATED_PLAN])
    window.goals.select_goal(goal.id)
    qtbot.waitUntil(lambda: window.goals.current_goal_id() == goal.id)
    dialog = open_from_menu(qtbot, window, "Export…")
    type_into_dialog(qtbot, dialog, tmp_path / "hedge.ics", "iCalendar (*.ics)")
    events = Calendar.from_ical((tmp_path / "hedge.ics").read_bytes()).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in events] == [
        ("Order the plants", PLANNED["b"]),
        ("Dig the trench", date(2026, 3, 20)),
        ("Plant and water", PLANNED["d"]),
    ]

"""The Todos tab in the real window at its default size: titles and ticks get the room, the
"Goal · milestone" column elides (full text in its tooltip), a squeezed overdue date keeps its digits,
and an empty list says how to add or convert todos."""

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from goals_desktop.ui.main_window import MainWindow
from goals_desktop.ui.todo_tree import DUE_COLUMN, LINK_COLUMN, TITLE_COLUMN


@pytest.fixture
def window(qtbot, service, tmp_path):
    # A fresh settings file: the window opens at its default size and splitter position.
    window = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_todos_action.trigger()
    qtbot.waitUntil(lambda: window.todos_panel.isVisible())
    return window


def shown_text_width(tree, item, column):
    """Room the cell really has for its text (after indentation and the check box)."""
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualRect(tree.indexFromItem(item, column))
    if column == TITLE_COLUMN:
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.text = item.text(column)
    return tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)


def painted_due_text(tree, item) -> str:
    """The text the due column's delegate draws for item (it may drop "Overdue" when squeezed)."""
    delegate = tree.itemDelegateForColumn(DUE_COLUMN)
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    index = tree.indexFromItem(item, DUE_COLUMN)
    option.rect = tree.visualRect(index)
    delegate._painting = True  # as inside paint()
    try:
        delegate.initStyleOption(option, index)
    finally:
        delegate._painting = False
    return option.text


def check_box_point(tree, item) -> QPoint:
    option = QStyleOptionViewItem()
    tree.initViewItemOption(option)
    option.rect = tree.visualRect(tree.indexFromItem(item, TITLE_COLUMN))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree).center()


def test_titles_and_ticks_take_the_room_at_the_default_size(qtbot, window, service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    roadmap_todo = service.todos_from_roadmap(goal.id)
    late = service.create_todo("Renew the library card", due_date="2020-03-01", subtasks=["Find the old card"])
    panel, tree = window.todos_panel, window.todos_panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2)
    qtbot.wait(10)  # the columns are fitted right after the rows change
    assert window.size().width() == 1280  # the default window

    viewport = tree.viewport().width()
    assert tree.columnWidth(TITLE_COLUMN) >= 0.45 * viewport
    metrics = tree.fontMetrics()
    for todo in (roadmap_todo, late):
        item = panel.item_for(todo.id)
        room = shown_text_width(tree, item, TITLE_COLUMN)
        assert room.width() >= metrics.horizontalAdvance(todo.title), f"{todo.title!r} is cut"
        assert tree.viewport().rect().contains(check_box_point(tree, item))

    # The link column gives way: narrower than its text, which elides; the tooltip has all of it.
    link_item = panel.item_for(roadmap_todo.id)
    link_text = link_item.text(LINK_COLUMN)
    assert link_text == "Learn Machine Learning"
    assert tree.columnWidth(LINK_COLUMN) < metrics.horizontalAdvance(link_text)
    assert tree.columnWidth(LINK_COLUMN) >= 48
    assert link_text in link_item.toolTip(LINK_COLUMN)
    # The overdue date keeps every digit (its colour and tooltip say overdue).
    late_item = panel.item_for(late.id)
    assert late_item.text(DUE_COLUMN) == "Overdue 2020-03-01"
    assert painted_due_text(tree, late_item) == "2020-03-01"
    assert tree.columnWidth(DUE_COLUMN) >= metrics.horizontalAdvance("2020-03-01") + 8
    assert "2020-03-01" in late_item.toolTip(DUE_COLUMN)

    # A real click on the visible tick checks the todo off.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=check_box_point(tree, panel.item_for(late.id)))
    qtbot.waitUntil(lambda: service.get_todo(late.id).completed)


def test_a_wide_panel_shows_every_column_whole(qtbot, window, service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    todo = service.todos_from_roadmap(goal.id)
    late = service.create_todo("Renew the library card", due_date="2020-03-01")
    window.splitter.setSizes([900, 380])
    tree = window.todos_panel.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 800)
    qtbot.wait(10)
    item = window.todos_panel.item_for(todo.id)
    metrics = tree.fontMetrics()
    assert tree.columnWidth(LINK_COLUMN) >= metrics.horizontalAdvance(item.text(LINK_COLUMN))
    assert tree.columnWidth(DUE_COLUMN) >= metrics.horizontalAdvance(item.text(DUE_COLUMN))
    assert painted_due_text(tree, window.todos_panel.item_for(late.id)) == "Overdue 2020-03-01"


def test_a_link_column_resized_by_hand_keeps_its_width(qtbot, window, service, seed_goal):
    (goal,) = service.import_goals([seed_goal])
    service.todos_from_roadmap(goal.id)
    tree = window.todos_panel.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1)
    tree.header().resizeSection(LINK_COLUMN, 130)  # what dragging the header's divider does
    service.create_todo("Another one")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2)
    qtbot.wait(10)
    assert tree.columnWidth(LINK_COLUMN) == 130


def test_an_empty_list_says_how_to_add_or_convert_todos(qtbot, window, service):
    panel = window.todos_panel
    hint = panel.empty_hint
    qtbot.waitUntil(hint.isVisible)
    assert "Type one above" in hint.text() and "Send roadmap to todos" in hint.text()
    assert "Make a todo from this milestone" in hint.text()
    assert hint.geometry().intersects(panel.tree.viewport().rect()) and hint.height() > 40

    service.create_todo("Pack the tent")
    qtbot.waitUntil(lambda: not hint.isVisible())

    panel.set_filter(True)  # Done: nothing done yet
    qtbot.waitUntil(hint.isVisible)
    assert hint.text().startswith("No done todos") and "All" in hint.text()
    panel.set_filter(None)
    qtbot.waitUntil(lambda: not hint.isVisible())

"""The canvas from the keyboard alone (real key events on a real view, offscreen): walking the
milestones in roadmap order, by direction, first/last; checking off, renaming, deleting, moving
(one undo step each), the details and the context menu; the focus ring and the view following it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from goals_desktop.ui.canvas.keyboard import MOVE_STEP, roadmap_order

ORDER = ["py", "np", "la", "stats", "lr", "trees", "nn", "p1", "p2", "deploy"]


@pytest.fixture
def canvas(qtbot, make_editor, planned):
    editor = make_editor(planned)
    editor.view.setFocus()
    qtbot.waitUntil(editor.view.hasFocus)
    return editor


def keys(qtbot, editor, *pressed):
    for key in pressed:
        if isinstance(key, tuple):
            qtbot.keyClick(editor.view, key[0], key[1])
        else:
            qtbot.keyClick(editor.view, key)


def test_roadmap_order_puts_what_a_milestone_waits_for_first(service, planned):
    assert roadmap_order(service.get_goal(planned)) == ORDER


def test_tab_walks_the_milestones_in_roadmap_order_and_then_leaves(qtbot, canvas):
    seen = []
    for _ in ORDER:
        keys(qtbot, canvas, Qt.Key.Key_Tab)
        seen.append(canvas.keyboard.focused)
        assert canvas.scene.selected_node_ids() == [seen[-1]]
        assert canvas.scene.nodes[seen[-1]].keyboard_focus
    assert seen == ORDER
    assert sum(item.keyboard_focus for item in canvas.scene.nodes.values()) == 1
    keys(qtbot, canvas, (Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier))
    assert canvas.keyboard.focused == "p2"
    keys(qtbot, canvas, Qt.Key.Key_End)
    assert canvas.keyboard.focused == "deploy"
    keys(qtbot, canvas, Qt.Key.Key_Tab)  # past the last one: the focus leaves the canvas
    assert not canvas.view.hasFocus()
    assert not canvas.scene.nodes["deploy"].keyboard_focus  # the ring shows only while the canvas has focus


def test_home_end_and_arrows_go_to_the_nearest_milestone_that_way(qtbot, canvas):
    # The plan's layout: py on top; np (left) and la (right) under it; trees (left) and nn (right) lower.
    walk = [
        (Qt.Key.Key_Home, "py"), (Qt.Key.Key_Down, "np"), (Qt.Key.Key_Right, "la"), (Qt.Key.Key_Left, "np"),
        (Qt.Key.Key_Up, "py"), (Qt.Key.Key_Up, "py"), (Qt.Key.Key_End, "deploy"), (Qt.Key.Key_Up, "p1"),
        (Qt.Key.Key_Right, "p2"), (Qt.Key.Key_Up, "nn"), (Qt.Key.Key_Left, "trees"), (Qt.Key.Key_Down, "p1"),
        (Qt.Key.Key_Down, "deploy"), (Qt.Key.Key_Down, "deploy"),
    ]
    for key, expected in walk:
        keys(qtbot, canvas, key)
        assert canvas.keyboard.focused == expected, (key, expected)


def test_space_f2_and_delete_act_on_the_focused_milestone_one_undo_step_each(qtbot, canvas, service, planned):
    keys(qtbot, canvas, Qt.Key.Key_Home, Qt.Key.Key_Tab)
    assert canvas.keyboard.focused == "np"
    keys(qtbot, canvas, Qt.Key.Key_Space)
    assert service.get_goal(planned).roadmap.node("np").completed is True

    keys(qtbot, canvas, Qt.Key.Key_F2)
    editor_box = canvas._label_editor
    qtbot.waitUntil(editor_box.isVisible)
    editor_box.selectAll()
    qtbot.keyClicks(editor_box, "Data wrangling")
    qtbot.keyClick(editor_box, Qt.Key.Key_Return)
    assert service.get_goal(planned).roadmap.node("np").label == "Data wrangling"
    qtbot.waitUntil(canvas.view.hasFocus)
    assert canvas.keyboard.focused == "np"  # the focus stays on the renamed milestone

    keys(qtbot, canvas, Qt.Key.Key_Delete)
    assert service.get_goal(planned).roadmap.node("np") is None
    assert canvas.keyboard.focused is None
    assert canvas.undo_stack.count() == 3
    for _ in range(3):
        canvas.undo_stack.undo()
    node = service.get_goal(planned).roadmap.node("np")
    assert (node.label, node.completed) == ("NumPy and pandas", False)


def test_ctrl_arrow_moves_the_focused_milestone_as_a_drag_does(qtbot, canvas, service, planned):
    keys(qtbot, canvas, Qt.Key.Key_Home)
    before = service.get_goal(planned).roadmap.node("py").position
    keys(qtbot, canvas, (Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier))
    after = service.get_goal(planned).roadmap.node("py").position
    assert (after.x - before.x, after.y - before.y) == (MOVE_STEP, MOVE_STEP)
    assert canvas.undo_stack.count() == 2 and canvas.undo_stack.undoText() == "Move milestone"
    canvas.undo_stack.undo()
    assert service.get_goal(planned).roadmap.node("py").position.x == before.x + MOVE_STEP
    assert canvas.keyboard.focused == "py"


def test_enter_opens_the_details(qtbot, canvas):
    keys(qtbot, canvas, Qt.Key.Key_Home, Qt.Key.Key_Return)
    panel = canvas.details_panel
    qtbot.waitUntil(lambda: panel.isAncestorOf(QApplication.focusWidget()))
    assert panel.node is not None and panel.node.id == "py"


def test_shift_f10_opens_the_milestones_menu_beside_it(qtbot, canvas):
    keys(qtbot, canvas, Qt.Key.Key_End, (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier))
    menu = QApplication.activePopupWidget()
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert canvas.toggle_node_action.text() in texts and canvas.rename_node_action.text() in texts
    menu.close()


def test_the_view_scrolls_to_keep_the_focus_visible(qtbot, canvas):
    canvas.view.set_zoom(1.5)
    canvas.view.centerOn(canvas.scene.nodes["py"])
    keys(qtbot, canvas, Qt.Key.Key_End)
    item = canvas.scene.nodes["deploy"]
    shown = canvas.view.mapToScene(canvas.view.viewport().rect()).boundingRect()
    assert shown.contains(item.sceneBoundingRect())


def test_the_focus_ring_is_drawn_around_the_focused_milestone_only_while_the_canvas_has_focus(qtbot, canvas):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    from goals_desktop.ui.canvas.items import FOCUS_GAP

    keys(qtbot, canvas, Qt.Key.Key_Home, Qt.Key.Key_Tab)
    item = canvas.scene.nodes["np"]
    canvas.view.set_zoom(1.0)
    canvas.view.centerOn(item)
    accent = canvas.scene.canvas_style.accent

    def ring_colour() -> QColor:
        QApplication.processEvents()
        image = canvas.view.viewport().grab().toImage()
        top_middle = item.mapToScene(QPointF(item.RECT.center().x(), item.RECT.top() - FOCUS_GAP))
        return image.pixelColor(canvas.view.mapFromScene(top_middle))

    def near(a: QColor, b: QColor) -> bool:
        return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40

    assert near(ring_colour(), accent)
    canvas.details_panel.steps_edit.setFocus()
    qtbot.waitUntil(lambda: not canvas.view.hasFocus())
    assert not near(ring_colour(), accent)

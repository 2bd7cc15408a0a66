"""F6 / Shift+F6 move the keyboard focus between the window's panes (real key events, offscreen)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def focus_after(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
    return QApplication.focusWidget()


def focus_goal_list(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and window.goals.goal_list.isVisible())
    window.goals.goal_list.setFocus()
    qtbot.waitUntil(window.goals.goal_list.hasFocus)


def test_f6_cycles_goal_list_roadmap_details_and_back(qtbot, window):
    focus_goal_list(qtbot, window)
    assert focus_after(qtbot, window, Qt.Key.Key_F6) is window.editor.view
    assert window.editor.details_panel.isAncestorOf(focus_after(qtbot, window, Qt.Key.Key_F6))
    assert focus_after(qtbot, window, Qt.Key.Key_F6) is window.goals.goal_list
    assert window.editor.details_panel.isAncestorOf(focus_after(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier))
    assert focus_after(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier) is window.editor.view


def test_f6_reaches_the_timeline_when_it_is_shown_and_skips_the_canvas_details(qtbot, window):
    window.right_tabs.setCurrentWidget(window.timeline)
    focus_goal_list(qtbot, window)
    assert focus_after(qtbot, window, Qt.Key.Key_F6) is window.timeline.view
    assert focus_after(qtbot, window, Qt.Key.Key_F6) is window.goals.goal_list

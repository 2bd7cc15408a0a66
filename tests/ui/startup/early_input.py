"""Run the real start of the window (app.run_app, in a fresh process: SQLAlchemy not yet imported)
while a person clicks and types into it before it is ready; print what happened as one JSON line.

    python -m tests.ui.startup.early_input click GOAL_ID_TO_CLICK GOAL_ID_SAVED_AS_SELECTED
    python -m tests.ui.startup.early_input search WORDS_TO_TYPE GOAL_ID_SAVED_AS_SELECTED
    python -m tests.ui.startup.early_input shortcut - GOAL_ID_SAVED_AS_SELECTED  (Ctrl+N in the list)

The environment names the database and the settings' home (see test_early_input.py) and sets
GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT, so the app quits once started (after its "started" mark).

A 1 ms timer runs all along: it fires only when the window's event loop turns, so its ticks say
whether the loop kept turning during the start's third step (the service and the panels, about
0.3 s of imports); and, the first time it fires in that step, it clicks a goal in the list that
the first look at the file showed, then presses Down and Up (the arrow keys move the selection),
or clicks the search field and types words into it, or presses Ctrl+N (New goal…).
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from goals_desktop import app  # noqa: E402
from goals_desktop.ui.main_window import MainWindow  # noqa: E402


def main(mode: str, what: str, saved_id: str) -> None:
    qt_app = app.make_application()
    QSettings().setValue("window/selectedGoal", saved_id)  # what the last session left selected
    QSettings().sync()
    seen = {"ticks_in_step_3": [], "clicked_while_starting": False, "clicked": None}
    windows: list[MainWindow] = []

    def tick() -> None:
        window = next((w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if window is None:
            return
        if not windows:
            windows.append(window)
        in_step_3 = "sqlalchemy" in sys.modules and window.service is None
        if not in_step_3:
            return
        seen["ticks_in_step_3"].append(time.perf_counter())
        model = window.goals.model
        if seen["clicked"] is None and model is not None and model.rowCount():
            if mode == "click":
                row = model.row_of(what)
                view = window.goals.goal_list
                view.scrollTo(model.index(row))
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 view.visualRect(model.index(row)).center())
                QTest.keyClick(view, Qt.Key.Key_Down)
                QTest.keyClick(view, Qt.Key.Key_Up)
            elif mode == "shortcut":
                QTest.keyClick(window.goals.goal_list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
            else:
                field = window.goals.search_field
                QTest.mouseClick(field, Qt.MouseButton.LeftButton)
                QTest.keyClicks(field, what)
            seen["clicked"] = what
            seen["clicked_while_starting"] = window.service is None

    def when_ready() -> dict:
        window = windows[0]
        focused = window.focusWidget()
        return {
            "current": window.goals.current_goal_id(),
            "on_canvas": window.editor.goal_id(),
            "focused": focused.objectName() if focused is not None else None,
            "search": window.goals.search_field.text(),
            "dialogs": [w.windowTitle() for w in qt_app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()],
            "listed": [window.goals.model.goal_at(row).id for row in range(window.goals.model.rowCount())],
        }

    mark = app._StartupTrace.mark

    def mark_and_look(trace, name: str) -> None:  # what the window shows once it is ready
        mark(trace, name)
        if name == "started":
            seen["ready"] = when_ready()

    app._StartupTrace.mark = mark_and_look
    timer = QTimer(interval=1)
    timer.timeout.connect(tick)
    timer.start()
    code = app.run_app()
    timer.stop()
    ticks = seen["ticks_in_step_3"]
    print("RESULT", json.dumps({
        "code": code,
        "clicked_while_starting": seen["clicked_while_starting"],
        **seen["ready"],
        "ticks_in_step_3": len(ticks),
        "longest_gap_ms": 1000 * max((b - a for a, b in zip(ticks, ticks[1:])), default=0.0),
    }), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])

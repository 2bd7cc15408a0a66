"""Screenshots of the German window at its default size, each menu and each dialog the menus open
(offscreen): python tests/ui/i18n/screenshots.py [OUT_DIR] (default /tmp/shots/de). Look at them
for cut-off words: German runs about 30 % longer than English."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["GOALS_DESKTOP_TODAY"] = "2026-03-02"
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QEventLoop, QPoint, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget  # noqa: E402


def wait(app, ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: Path, language: str = "de") -> list[Path]:
    app = QApplication.instance() or QApplication([])
    from goals_desktop.ui.language import install_translations

    installed = install_translations(language)  # noqa: F841 (a translator works while it lives)
    from goals_desktop.ui.main_window import MainWindow
    from tests.ui.i18n.pseudo import DialogCatcher
    from tests.ui.plan_data import populated_service

    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(widget, name: str) -> None:
        path = out / f"{language}-{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    folder = Path(tempfile.mkdtemp())
    os.environ["GOALS_DESKTOP_CONFIG_DIR"] = str(folder / "config")
    service, goal_id = populated_service(folder)
    window = MainWindow(service, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.show()  # the default size
    window.goals.select_goal(goal_id)
    wait(app, 200)
    save(window, "window")
    window.editor.select_node("np")
    wait(app)
    save(window, "window-milestone")
    for tabs in window.findChildren(QTabWidget):
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            wait(app)
            save(window, f"window-{tabs.objectName()}-{index}")
        tabs.setCurrentIndex(0)
    for number, action in enumerate(window.menuBar().actions()):
        menu = action.menu()
        if isinstance(menu, QMenu):
            menu.popup(window.mapToGlobal(QPoint(10 + 60 * number, 20)))
            wait(app)
            save(menu, f"menu-{number}-{action.text().replace('&', '')}")
            menu.close()

    count = 0

    def dialog(widget, name: str) -> None:
        nonlocal count
        count += 1
        wait(app, 30)
        safe = "".join(c if c.isalnum() else "-" for c in name)[:40]
        save(widget, f"dialog-{count:02d}-{safe}")

    catcher = DialogCatcher(None, QApplication.topLevelWidgets(), seen=dialog)
    skipped = {id(window.quit_action), id(window.local_api.action)}
    done = set()
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if id(action) in skipped or id(action) in done or action.isSeparator() or action.menu() or not action.isEnabled():
                continue
            done.add(id(action))
            window.editor.select_node("np")
            action.trigger()
            wait(app, 80)
            catcher.sweep()
    catcher.stop()
    return saved


if __name__ == "__main__":
    for path in main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/de")):
        print(path)

"""Bootstrap of the window: QApplication + qasync loop, database, main window, shutdown."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # qasync must pick PySide6, not another binding

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from goals_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__  # noqa: E402
from goals_desktop.domain.errors import StorageError  # noqa: E402

EXIT_AFTER_FIRST_PAINT_ENV = "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT"
ICON_DIR = Path(__file__).with_name("resources")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    # Must match StartupWMClass in the .desktop file, or Wayland shows no icon.
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def app_icon() -> QIcon:
    icon = QIcon()
    for path in sorted(ICON_DIR.glob("goals-desktop*.png")) + sorted(ICON_DIR.glob("goals-desktop*.svg")):
        icon.addFile(str(path))
    return icon


class _FirstPaintWatcher(QObject):
    """For start-time measurements and smoke tests: print 'first-paint' and quit once painted."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.done = False

    def eventFilter(self, watched, event) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print("first-paint", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def open_database(path: Path | str, interactive: bool = True):
    """Open the file or server database (a fresh one gets the example goal); a bad one gets one
    sentence and a way forward — restore a backup, open another, try again, quit — never an overwrite."""
    from goals_desktop.storage.backup import restore_backup
    from goals_desktop.ui.storage_ui import ask_recovery, choose_other_file

    while True:
        try:
            return open_with_example(path)
        except StorageError as error:
            print(f"goals-desktop: error: {error}", file=sys.stderr)
            if not interactive:
                return None
            action = ask_recovery(error)
            if action == "restore_backup" and isinstance(path, Path):
                try:
                    restore_backup(path)
                except StorageError as restore_error:
                    print(f"goals-desktop: error: {restore_error}", file=sys.stderr)
                    QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(restore_error)).exec()
            elif action == "open_other":
                path = choose_other_file(None, path) or path
            elif action not in ("retry", "restore_backup"):
                return None


def open_with_example(path: Path | str):
    """open_service, plus the example goal in a database this open created; StorageError if it cannot."""
    from goals_desktop.storage import open_service
    from goals_desktop.storage.example import create_example_goal

    # A file that is not there yet is new; a server database is new when it had no schema.
    fresh = not path.exists() if isinstance(path, Path) else None
    service = open_service(path)
    if fresh or (fresh is None and service.db.created):
        create_example_goal(service)
    return service


class WindowHost:
    """The main window and the database it shows; File ▸ Open database… swaps both for another."""

    def __init__(self, make_settings=QSettings) -> None:
        self.make_settings = make_settings
        self.window = None
        self.service = None
        self._closing: set = set()

    def show(self, service) -> None:
        from goals_desktop.ui.main_window import MainWindow

        window = MainWindow(service, self.make_settings())
        window.open_requested.connect(self.switch)
        window.show()  # before the old one closes, so closing it is never "the last window"
        old_window, old_service = self.window, self.service
        self.window, self.service = window, service
        if old_window is not None:
            old_window.close()
            self._retire(old_window, old_service)

    def switch(self, target: Path | str) -> bool:
        """Open target; on success it replaces the current window, else the window says why."""
        try:
            service = open_with_example(target)
        except StorageError as error:
            self.window.show_message(f"{error} (The current database stays open.)")
            return False
        self.show(service)
        self.window.show_message(f"Opened {service.db.location}.")
        return True

    def _retire(self, window, service) -> None:
        async def finish() -> None:
            try:
                await window.shutdown()  # stops its Local API, if on, freeing the port
            finally:
                service.db.close()
                window.deleteLater()
            if self.window is not None and self.window is not window:
                self.window.local_api.restore()  # the new window serves the API if it was on

        try:
            task = asyncio.get_running_loop().create_task(finish())
        except RuntimeError:  # no event loop (tests): nothing is running to wait for
            service.db.close()
            window.deleteLater()
            return
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def shutdown(self) -> None:
        if self.window is not None:
            await self.window.shutdown()
        for task in list(self._closing):
            await task


def run_app(database: str | None = None) -> int:
    from goals_desktop.display_check import check_display

    # Before QApplication: where Qt cannot open a window it aborts the process with a core dump.
    problem = check_display()
    if problem is not None:
        print(f"goals-desktop: error: {problem}", file=sys.stderr)
        return 1

    import logging

    from goals_desktop.logging_setup import setup_logging
    from goals_desktop.storage.dialects import location_of
    from goals_desktop.storage.files import database_target
    from goals_desktop.ui.crash import install_crash_handler

    log_path = setup_logging()
    log = logging.getLogger("goals_desktop.app")
    app = make_application()
    crash_handler = install_crash_handler(log_path)
    target = database_target(database)
    # location_of: a URL is logged without its password.
    log.info("Goals Desktop %s starting on %s", __version__, location_of(target))
    service = open_database(target, interactive=os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) != "1")
    if service is None:
        return 1

    import qasync

    host = WindowHost()
    host.show(service)
    if os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1":
        watcher = _FirstPaintWatcher(app)
        host.window.installEventFilter(watcher)
        host.window.centralWidget().installEventFilter(watcher)

    async def until_quit() -> None:
        asyncio.get_running_loop().set_exception_handler(crash_handler.asyncio_handler)
        closed = asyncio.get_running_loop().create_future()
        app.aboutToQuit.connect(lambda: closed.done() or closed.set_result(None))
        app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
        host.window.local_api.restore()  # the Local API, if it was on: after the window shows, on this loop
        await closed
        await host.shutdown()

    try:
        qasync.run(until_quit())
    finally:
        host.service.db.close()
        log.info("Goals Desktop stopped")
    return 0

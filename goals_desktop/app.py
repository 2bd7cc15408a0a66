"""Bootstrap of the window: QApplication + qasync loop, database, main window, shutdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # qasync must pick PySide6, not another binding

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer, Signal  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from goals_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__  # noqa: E402

# Imported here: only Qt and what the frame needs. The rest is loaded after the first paint (run_app).

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


class _Painted(QObject):
    """Ends a nested event loop once the watched widgets have been painted (and shown on screen)."""

    def __init__(self, widgets) -> None:
        super().__init__()
        self.done = False
        self.loop = QEventLoop()
        self.widgets = list(widgets)
        for widget in self.widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.loop.quit)  # after this paint has been drawn and flushed
        return False

    def wait(self, timeout_ms: int = 3000) -> None:
        """Run the event loop until painted (or timeout_ms: a window never exposed, e.g. minimized)."""
        if not self.done:
            QTimer.singleShot(timeout_ms, self.loop.quit)
            self.loop.exec()
        for widget in self.widgets:
            widget.removeEventFilter(self)


def wait_until_painted(*widgets, timeout_ms: int = 3000) -> None:
    """Before the qasync loop runs (a nested loop inside a coroutine is not allowed, see GUIDE.md)."""
    _Painted(widgets).wait(timeout_ms)


class _StartupTrace:
    """For start-up measurements and smoke tests (EXIT_AFTER_FIRST_PAINT_ENV): one line per milestone
    of the start, `NAME WALL_TIME CPU_SECONDS MAX_RSS_KB SQLALCHEMY_LOADED`, and quit once started."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def mark(self, name: str) -> None:
        if not self.enabled:
            return
        import resource
        import time

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(name, f"{time.time():.6f}", f"{time.process_time():.6f}", rss, int("sqlalchemy" in sys.modules), flush=True)


class StartupChecks(QObject):
    """The database's integrity check and the day's backup, in a worker thread once the window is
    up (never on the start path); `problem` carries one sentence if the file is damaged."""

    problem = Signal(str)

    def __init__(self, path: Path, back_up: bool = True, parent=None) -> None:
        super().__init__(parent)
        import threading

        self.path, self.back_up = path, back_up
        self.thread = threading.Thread(target=self._run, name="startup-checks")

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        from goals_desktop.storage.startup import check_and_back_up

        try:
            problem = check_and_back_up(self.path, back_up=self.back_up)
        except Exception:  # a check must never take the app down; the log says what happened
            import logging

            logging.getLogger("goals_desktop.app").exception("The start-up check of %s failed", self.path)
            return
        if problem:
            self.problem.emit(problem)  # queued to the window's thread

    def join(self) -> None:
        if self.thread.is_alive():
            self.thread.join()


def open_database(path: Path, interactive: bool = True, check_integrity: bool = True, fresh: bool | None = None):
    """Open the file (a fresh one gets the example goal); a bad file gets one sentence and a way
    forward — restore a backup, open another file, try again, quit — never an overwrite.

    check_integrity=False: no quick_check and no daily backup here; the window runs them afterwards
    in a worker thread (StartupChecks)."""
    from goals_desktop.domain.errors import StorageError
    from goals_desktop.storage import Database, GoalService, open_service
    from goals_desktop.storage.backup import restore_backup
    from goals_desktop.storage.example import create_example_goal
    from goals_desktop.ui.storage_ui import ask_recovery, choose_other_file

    seen_fresh = fresh  # as the caller saw it before showing the window (the first file only)
    while True:
        fresh = not path.exists() if seen_fresh is None else seen_fresh
        seen_fresh = None
        try:
            service = open_service(path) if check_integrity else GoalService(Database(path, check_integrity=False))
            if fresh:
                create_example_goal(service)
            return service
        except StorageError as error:
            print(f"goals-desktop: error: {error}", file=sys.stderr)
            if not interactive:
                return None
            action = ask_recovery(error)
            if action == "restore_backup":
                try:
                    restore_backup(path)
                except StorageError as restore_error:
                    print(f"goals-desktop: error: {restore_error}", file=sys.stderr)
                    QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(restore_error)).exec()
            elif action == "open_other":
                path = choose_other_file(None, path) or path
            elif action != "retry":
                return None


def run_app(database: str | None = None) -> int:
    from goals_desktop.display_check import check_display

    # Before QApplication: where Qt cannot open a window it aborts the process with a core dump.
    problem = check_display()
    if problem is not None:
        print(f"goals-desktop: error: {problem}", file=sys.stderr)
        return 1

    from goals_desktop.ui.main_window import MainWindow

    from goals_desktop.storage.location import default_database_path

    just_start = os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1"
    trace = _StartupTrace(just_start)
    path = Path(database).expanduser() if database else default_database_path()
    # Decided now: the CLI (or another copy) may create the file while this window starts.
    fresh = not path.exists()
    app = make_application()

    # 1. The window's frame, painted as soon as a bare window would be: nothing else is loaded yet,
    # not even logging (an error this early still reaches stderr).
    window = MainWindow(None, QSettings())
    window.show()
    wait_until_painted(window, window.centralWidget())
    trace.mark("first-paint")

    import logging

    from goals_desktop.logging_setup import setup_logging
    from goals_desktop.ui.crash import install_crash_handler

    log_path = setup_logging()
    log = logging.getLogger("goals_desktop.app")
    crash_handler = install_crash_handler(log_path)
    log.info("Goals Desktop %s starting on %s", __version__, path)

    # 2. The user's goals, read straight from the file (no SQLAlchemy, no integrity check yet).
    from goals_desktop.storage.startup import first_look

    goals = first_look(path)
    if goals is not None:
        window.show_goals(goals)
        wait_until_painted(window.goal_list.viewport(), window.empty_label)
        trace.mark("goals-listed")

    # 3. The service (SQLAlchemy, migrations if any) and the rest of the window.
    service = open_database(path, interactive=not just_start, check_integrity=False, fresh=fresh)
    if service is None:
        return 1
    window.attach(service)
    if goals is None:  # a new file, or one to migrate: the list comes with the service
        wait_until_painted(window.goal_list.viewport(), window.empty_label)
        trace.mark("goals-listed")
    trace.mark("started")
    # 4. Off the start path: the integrity check and the day's backup, in a worker thread.
    checks = StartupChecks(service.db.path, back_up=not service.db.created, parent=window)
    checks.problem.connect(window.report_storage_problem)
    checks.start()

    import asyncio
    import gc

    import qasync

    gc.freeze()  # what start-up made lives as long as the window: out of the collector's way

    async def until_quit() -> None:
        asyncio.get_running_loop().set_exception_handler(crash_handler.asyncio_handler)
        closed = asyncio.get_running_loop().create_future()
        app.aboutToQuit.connect(lambda: closed.done() or closed.set_result(None))
        app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
        if just_start or not window.isVisible():  # (closed while it was starting: nothing will signal it)
            QTimer.singleShot(0, app.quit)
        await closed
        await window.shutdown()

    try:
        qasync.run(until_quit())
    finally:
        checks.join()
        service.db.close()
        log.info("Goals Desktop stopped")
    return 0

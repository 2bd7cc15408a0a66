"""Bootstrap of the window: QApplication + qasync loop, database, main window, shutdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # qasync must pick PySide6, not another binding

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QSettings, QTimer, Signal  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from goals_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__  # noqa: E402

# The start-up boundary, with MainWindow's two steps (ui/main_window.py). This module is imported
# before the window's first paint, so it imports only Qt and what the frame needs; everything else
# is imported inside the function that first needs it, in the order a start needs it (run_app):
#   1. the frame (main_window: Qt classes only), painted → logging and the crash handler;
#   2. the goals, read straight from the file (storage.startup.first_look: no SQLAlchemy yet);
#   3. the service (SQLAlchemy) and the panels (MainWindow.attach); the modules of both are imported
#      while the event loop keeps turning (_TurnsWhileImporting: about 0.3 s of the start), so what
#      the person clicks or types meanwhile is handled, and kept by attach(); a shortcut pressed
#      meanwhile runs once the window is built (_HeldShortcuts);
#   4. the integrity check and the day's backup, in a thread (StartupChecks); then qasync.
# tests/ui/startup/test_start_order.py checks that order; bench/startup_bench.py measures it.
# (Features load where first used, not here: AI generation, image export, the Local API.)


def _lighter_feature_check() -> None:
    """PySide6 asks of every module imported after it whether it uses PySide6 (for its optional
    `from __feature__ import ...`), by reading the module's whole source through inspect and
    linecache, which keep it: for the ~400 modules the window imports after its frame (SQLAlchemy's
    most of all), 8 million characters held for the app's lifetime, ~20 MB and a quarter of a
    second of CPU on the build machine (per module RSS and CPU, measured with the window's imports
    with and without). Same answer here, from the file's bytes, nothing kept. Left alone if
    PySide6 no longer has the check."""
    try:
        import shibokensupport.feature as feature
    except ImportError:
        return
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # inspect finds no source either: PySide6 says no
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    feature._mod_uses_pyside = uses_pyside


_lighter_feature_check()

EXIT_AFTER_FIRST_PAINT_ENV = "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT"
TURN_EVERY_S = 0.005  # while importing at start-up: the longest the window goes without handling input
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


class _HeldShortcuts(QObject):
    """Shortcuts pressed while the window starts (Ctrl+N before the action exists): the frame's
    widgets ignore them, so they reach the window, which keeps them; release() runs the window-wide
    action each is the shortcut of, once the window is built, in the order they were pressed."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window, self.pressed = window, []
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched is self.window:
            from PySide6.QtGui import QKeySequence

            self.pressed.append(QKeySequence(event.keyCombination()))  # (a lone Ctrl is no action's)
        return False

    def release(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        self.window.removeEventFilter(self)
        window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
        actions = [a for a in self.window.findChildren(QAction) if a.shortcutContext() in window_wide]
        for keys in self.pressed:
            action = next((a for a in actions if keys in a.shortcuts()), None)
            if action is not None and action.isEnabled():
                action.trigger()


class _TurnsWhileImporting:
    """While in this block (start-up, before the qasync loop runs), each module about to be imported
    first lets Qt handle what is waiting (input, paints) if TURN_EVERY_S has passed since it last
    did. SQLAlchemy's import alone is ~0.15 s of CPU in one statement, which no loop turn could
    otherwise interrupt. Only the frame and the goal list exist meanwhile, and they import nothing
    when used; a turn never starts inside another."""

    def __init__(self) -> None:
        import time

        self.clock = time.perf_counter
        self.last = self.clock()
        self.turning = False

    def find_spec(self, _name, _path=None, _target=None):
        if not self.turning and self.clock() - self.last >= TURN_EVERY_S:
            self.turning = True
            try:
                QCoreApplication.processEvents()
            finally:
                self.turning = False
                self.last = self.clock()
        return None  # found by the finders after this one, as if it were not there

    def __enter__(self) -> _TurnsWhileImporting:
        sys.meta_path.insert(0, self)
        return self

    def __exit__(self, *_exc) -> None:
        sys.meta_path.remove(self)


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


def open_database(path: Path | str, interactive: bool = True, check_integrity: bool = True, fresh: bool | None = None):
    """Open the file or server database (a fresh one gets the example goal); a bad one gets one
    sentence and a way forward — restore a backup, open another, try again, quit — never an overwrite.

    check_integrity=False: a file gets no quick_check and no daily backup here; the window runs
    them afterwards in a worker thread (StartupChecks). fresh: whether the file was new, as seen
    before the window showed (the CLI or another copy may create it meanwhile)."""
    from goals_desktop.domain.errors import StorageError
    from goals_desktop.storage.backup import restore_backup
    from goals_desktop.ui.storage_ui import ask_recovery, choose_other_file

    while True:
        try:
            return open_with_example(path, check_integrity, fresh)
        except StorageError as error:
            print(f"goals-desktop: error: {error}", file=sys.stderr)
            if not interactive:
                return None
            fresh = None  # whatever is opened next is looked at afresh
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


def open_with_example(path: Path | str, check_integrity: bool = True, fresh: bool | None = None):
    """open_service, plus the example goal in a database this open created; StorageError if it cannot.

    check_integrity=False: see open_database."""
    from goals_desktop.storage import Database, GoalService, open_service
    from goals_desktop.storage.example import create_example_goal

    # A file that is not there yet is new; a server database is new when it had no schema.
    if fresh is None:
        fresh = not path.exists() if isinstance(path, Path) else None
    if check_integrity or not isinstance(path, Path):
        service = open_service(path)
    else:
        service = GoalService(Database(path, check_integrity=False))
    if fresh or (fresh is None and service.database.created):
        create_example_goal(service)
    return service


class WindowHost:
    """The main window and the database it shows; File ▸ Open database… swaps both for another."""

    def __init__(self, make_settings=QSettings) -> None:
        self.make_settings = make_settings
        self.window = None
        self.service = None
        self._closing: set = set()

    def show(self, service, window=None) -> None:
        """A window on service: `window` (a frame already on screen, at start-up) completed, or a new one."""
        from goals_desktop.ui.main_window import MainWindow

        if window is None:
            window = MainWindow(service, self.make_settings())
        else:
            window.attach(service)
        window.open_requested.connect(self.switch)
        window.show()  # before the old one closes, so closing it is never "the last window"
        old_window, old_service = self.window, self.service
        self.window, self.service = window, service
        if old_window is not None:
            old_window.close()
            self._retire(old_window, old_service)

    def switch(self, target: Path | str) -> bool:
        """Open target; on success it replaces the current window, else the window says why."""
        from goals_desktop.domain.errors import StorageError

        try:
            service = open_with_example(target)
        except StorageError as error:
            self.window.show_message(f"{error} " + QCoreApplication.translate("WindowHost", "(The current database stays open.)"))
            return False
        self.show(service)
        self.window.show_message(QCoreApplication.translate("WindowHost", "Opened {location}.").format(location=service.database.location))
        return True

    def _retire(self, window, service) -> None:
        import asyncio

        async def finish() -> None:
            try:
                await window.shutdown()  # stops its Local API, if on, freeing the port
            finally:
                service.database.close()
                window.deleteLater()
            if self.window is not None and self.window is not window:
                self.window.local_api.restore()  # the new window serves the API if it was on

        try:
            task = asyncio.get_running_loop().create_task(finish())
        except RuntimeError:  # no event loop (tests): nothing is running to wait for
            service.database.close()
            window.deleteLater()
            return
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def shutdown(self) -> None:
        if self.window is not None:
            await self.window.shutdown()
        for task in list(self._closing):
            await task


def run_app(database: str | None = None, language: str | None = None) -> int:
    import gc

    # The start makes about a million objects that live as long as the window; the collector
    # walked them over and over meanwhile (60 ms of the start, one full collection among them).
    # Off until the window is started, then what the start made is frozen out of its way.
    gc.disable()
    try:
        return _run_app(database, language)
    finally:
        gc.enable()


def _run_app(database: str | None, language: str | None) -> int:
    import gc

    from goals_desktop.display_check import check_display

    # Before QApplication: where Qt cannot open a window it aborts the process with a core dump.
    problem = check_display()
    if problem is not None:
        print(f"goals-desktop: error: {problem}", file=sys.stderr)
        return 1

    from goals_desktop.storage.location import database_target
    from goals_desktop.ui.main_window import MainWindow

    just_start = os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV) == "1"
    trace = _StartupTrace(just_start)
    target = database_target(database)
    # Decided now: the CLI (or another copy) may create the file while this window starts.
    fresh = not target.exists() if isinstance(target, Path) else None
    app = make_application()
    from goals_desktop.ui.language import install_translations

    # Before the first widget: every text is translated when it is made.
    translations = install_translations(language, QSettings())  # kept alive while the app runs

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
    log.info("Window language: %s", translations)
    if isinstance(target, Path):
        log.info("Goals Desktop %s starting on %s", __version__, target)
    else:
        from goals_desktop.storage.dialects import location_of

        log.info("Goals Desktop %s starting on %s", __version__, location_of(target))  # without its password

    # 2. The user's goals, read straight from the file (no SQLAlchemy, no integrity check yet).
    goals = None
    if isinstance(target, Path):
        from goals_desktop.storage.startup import first_look

        goals = first_look(target)
    if goals is not None:
        window.show_goals(goals)
        wait_until_painted(window.goals.goal_list.viewport(), window.goals.empty_label)
        trace.mark("goals-listed")

    # 3. The service (SQLAlchemy, migrations if any) and the rest of the window; the modules of
    # both imported while the window keeps handling input.
    held = _HeldShortcuts(window)
    with _TurnsWhileImporting():
        service = open_database(target, interactive=not just_start, check_integrity=False, fresh=fresh)
        if service is not None:
            from goals_desktop.ui.main_window import import_panels

            import_panels()
    if service is None:
        return 1
    if not window.isVisible():  # closed while it was starting
        service.database.close()
        return 0
    host = WindowHost()
    host.show(service, window)
    held.release()
    if goals is None:  # a new file, one to migrate, a server: the list comes with the service
        wait_until_painted(window.goals.goal_list.viewport(), window.goals.empty_label)
        trace.mark("goals-listed")
    if trace.enabled:  # ready means the roadmap drawn too (the qasync loop's first turn draws it otherwise)
        wait_until_painted(window.editor.view.viewport())
    trace.mark("started")
    # 4. Off the start path: a file's integrity check and the day's backup, in a worker thread.
    checks = None
    if service.database.is_file:
        checks = StartupChecks(service.database.path, back_up=not service.database.created, parent=window)
        checks.problem.connect(window.report_storage_problem)
        checks.start()

    import asyncio

    from goals_desktop.ui.qt_thread_collector import collect_on_the_qt_thread

    gc.freeze()  # what start-up made lives as long as the window: out of the collector's way
    collect_on_the_qt_thread(app)  # and from now on it collects on this thread only (see there)

    async def until_quit() -> None:
        asyncio.get_running_loop().set_exception_handler(crash_handler.asyncio_handler)
        closed = asyncio.get_running_loop().create_future()
        app.aboutToQuit.connect(lambda: closed.done() or closed.set_result(None))
        app.lastWindowClosed.connect(lambda: closed.done() or closed.set_result(None))
        if just_start or not window.isVisible():  # (closed while it was starting: nothing will signal it)
            QTimer.singleShot(0, app.quit)
        else:
            host.window.local_api.restore()  # the Local API, if it was on: after the window shows, on this loop
        await closed
        await host.shutdown()

    from goals_desktop.ui.window_loop import WindowLoop

    try:
        with asyncio.Runner(loop_factory=WindowLoop) as runner:
            runner.run(until_quit())
    finally:
        if checks is not None:
            checks.join()
        host.service.database.close()
        log.info("Goals Desktop stopped")
    return 0

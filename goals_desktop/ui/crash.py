"""Last line of defence: an unexpected error is written to the log and shown as one clear dialog."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from goals_desktop import APP_NAME

log = logging.getLogger("goals_desktop.crash")


class CrashHandler:
    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self.count = 0

    def report(self, kind, value, tb) -> None:
        self.count += 1
        log.error("Unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        # Shown from the event loop, never from inside the failing code; one dialog at a time.
        QTimer.singleShot(0, self._show)

    def _show(self) -> None:
        if QApplication.instance() is None or (self.dialog is not None and self.dialog.isVisible()):
            return
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          QCoreApplication.translate(
                              "CrashHandler", "{app} hit an unexpected problem. Your saved data is safe; details were written to {log}."
                          ).format(app=APP_NAME, log=self.log_path))
        box.setObjectName("crashDialog")
        self.dialog = box
        box.open()  # not exec(): no nested event loop under qasync

    def asyncio_handler(self, loop, context) -> None:
        error = context.get("exception")
        if error is None:
            log.error("asyncio: %s", context.get("message"))
            return
        self.report(type(error), error, error.__traceback__)


def install_crash_handler(log_path: Path) -> CrashHandler:
    handler = CrashHandler(log_path)
    sys.excepthook = handler.report
    threading.excepthook = lambda args: handler.report(args.exc_type, args.exc_value, args.exc_traceback)
    return handler

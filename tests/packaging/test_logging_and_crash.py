"""The log file, its redaction of secrets, and the crash handler with a real unhandled exception."""

import io
import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from goals_desktop import logging_setup
from goals_desktop.ui.crash import install_crash_handler

KEY = "sk-test-SECRET1234567890abcdef"


@pytest.fixture
def log_path(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_LOG_DIR", str(tmp_path / "logs"))
    root = logging.getLogger()
    before = list(root.handlers)
    path = logging_setup.setup_logging()
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_keys_never_reach_the_log(log_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "plain-secret-value")
    log = logging.getLogger("goals_desktop.test")
    log.info("calling with %s", KEY)
    log.warning("header Authorization: Bearer abcdefgh12345678 and api_key=zzzzzzzzzz")
    log.info("env key plain-secret-value seen")
    try:
        raise RuntimeError(f"server said: invalid key {KEY}")
    except RuntimeError:
        log.exception("failed")
    text = log_path.read_text()
    for secret in (KEY, "abcdefgh12345678", "zzzzzzzzzz", "plain-secret-value"):
        assert secret not in text
    assert text.count("[redacted]") >= 5 and "RuntimeError" in text


@pytest.mark.qt_no_exception_capture
def test_an_unhandled_error_in_a_slot_is_logged_and_shown_once(qtbot, log_path, monkeypatch):
    saved_hook = sys.excepthook
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    handler = install_crash_handler(log_path)
    try:
        def broken_slot():
            raise ZeroDivisionError(f"boom with {KEY}")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible(), timeout=5000)
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: handler.count == 2, timeout=5000)
        qtbot.wait(50)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert len(dialogs) == 1 and str(log_path) in dialogs[0].text()
        text = log_path.read_text()
        assert text.count("Unexpected error") == 2 and "ZeroDivisionError: boom" in text and "broken_slot" in text
        assert KEY not in text
        handler.dialog.close()
    finally:
        sys.excepthook = saved_hook

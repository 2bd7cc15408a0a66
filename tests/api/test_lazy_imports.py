"""The web stack loads only when serving: not with the window, not with other CLI commands."""

import os
import subprocess
import sys

WEB = ("fastapi", "starlette", "uvicorn", "websockets", "pydantic")

WINDOW = """
import sys
from PySide6.QtCore import QSettings
from goals_desktop.app import make_application
from goals_desktop.storage import open_service
from goals_desktop.ui.main_window import MainWindow
app = make_application()
window = MainWindow(open_service(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
app.processEvents()
print(sorted(m for m in {WEB!r} if m in sys.modules))
"""

CLI = """
import sys
from goals_desktop.cli import main
code = main(["goals", "list"])
print(sorted(m for m in {WEB!r} if m in sys.modules), file=sys.stderr)
"""


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


def test_the_window_does_not_import_the_web_stack(tmp_path):
    result = _run(WINDOW.replace("{WEB!r}", repr(WEB)), str(tmp_path / "goals.sqlite3"), str(tmp_path / "settings.ini"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_other_commands_do_not_import_it(db_path):
    result = _run(CLI.replace("{WEB!r}", repr(WEB)))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[]"

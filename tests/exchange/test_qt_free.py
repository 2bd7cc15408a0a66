"""The exchange core imports no Qt, no storage and no icalendar until a calendar is written."""

import subprocess
import sys


def test_exchange_imports_no_qt_and_no_storage():
    code = (
        "import sys, goals_desktop.exchange as x; from goals_desktop.exchange import reading, canvas, markdown, "
        "mermaid, opml, roadmapsh;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'sqlalchemy', 'icalendar')"
        " or m.startswith(('goals_desktop.storage', 'goals_desktop.ui')));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

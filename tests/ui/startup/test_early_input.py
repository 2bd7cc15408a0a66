"""Input that arrives before the window is ready is handled, not lost, and does not freeze it: the
real start in a fresh process (tests/ui/startup/early_input.py) on a real SQLite file, with clicks
and keys sent (QTest) while the service and the panels are still being loaded."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from goals_desktop.storage import open_service

ROOT = Path(__file__).resolve().parents[3]
TITLES = ("Run a marathon", "Learn Spanish", "Write a book", "Plant a garden")


@pytest.fixture
def goal_ids(db_path):
    service = open_service(db_path)
    ids = [service.create_goal(title).id for title in TITLES]
    for goal_id in ids:
        service.set_roadmap(goal_id, {"nodes": [{"id": "a", "label": "Start"}, {"id": "b", "label": "Finish"}],
                                      "edges": [{"id": "e", "source": "a", "target": "b"}]})
    service.db.close()
    return ids


def start_with_input(tmp_path, db_path, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
           "GOALS_DESKTOP_DATABASE": str(db_path), "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.startup.early_input", *args],
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    marks = [line.split()[0] for line in done.stdout.splitlines() if not line.startswith("RESULT")]
    assert marks == ["first-paint", "goals-listed", "started"]
    result = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))[len("RESULT"):])
    assert result["code"] == 0
    # The loop kept turning while SQLAlchemy and the panels were imported, and the input came then.
    assert result["clicked_while_starting"], result
    assert result["ticks_in_step_3"] >= 5, result
    return result


@pytest.mark.sqlite_only
def test_a_goal_picked_while_the_window_starts_is_the_one_shown_once_ready(tmp_path, db_path, goal_ids):
    # The last session left the fourth goal selected; the person clicks the third while the window
    # starts, then presses Down and Up: the third it is, on the canvas, the keyboard in the list.
    result = start_with_input(tmp_path, db_path, "click", goal_ids[2], goal_ids[3])
    assert result["current"] == goal_ids[2] and result["on_canvas"] == goal_ids[2], result
    assert result["focused"] == "goalList", result


@pytest.mark.sqlite_only
def test_a_search_typed_while_the_window_starts_is_applied_once_ready(tmp_path, db_path, goal_ids):
    result = start_with_input(tmp_path, db_path, "search", "Spanish", goal_ids[3])
    assert result["search"] == "Spanish" and result["focused"] == "searchField", result
    assert result["listed"] == [goal_ids[1]], result
    assert result["current"] == goal_ids[1] and result["on_canvas"] == goal_ids[1], result


@pytest.mark.sqlite_only
def test_a_shortcut_pressed_while_the_window_starts_runs_once_ready(tmp_path, db_path, goal_ids):
    result = start_with_input(tmp_path, db_path, "shortcut", "-", goal_ids[3])
    assert result["dialogs"] == ["New goal"], result  # Ctrl+N: the new goal's dialog, once
    assert result["current"] == goal_ids[3], result

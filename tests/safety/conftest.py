"""Helpers for the safety tests: a populated database file, digests, and running the CLI in-process."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from goals_desktop.cli import main as cli_main
from goals_desktop.storage import Database, GoalService

# Bounded so the suite stays fast in CI; SAFETY_EXAMPLES raises it for a long local run.
EXAMPLES = int(os.environ.get("SAFETY_EXAMPLES", "60"))
SAFETY_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_populated(path: Path, goals: int = 60) -> list[dict]:
    database = Database(path)
    service = GoalService(database)
    for index in range(goals):
        goal = service.create_goal(f"Goal {index}", "notes " * 80)
        service.set_roadmap(
            goal.id,
            {
                "nodes": [{"id": f"n{i}", "label": f"Step {i}"} for i in range(5)],
                "edges": [{"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}"} for i in range(4)],
            },
        )
    exported = service.export_goals()
    database.close()  # last connection: WAL checkpointed into the file, -wal removed
    return exported


@pytest.fixture
def populated(db_path) -> Path:
    make_populated(db_path)
    return db_path


@pytest.fixture
def run_cli(capsys):
    """Run the CLI in-process; returns (exit code, stdout, stderr) and checks the error contract."""

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = cli_main(list(argv))
        except SystemExit as stop:  # argparse usage errors
            code = stop.code
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert "unexpected problem" not in err, err  # the CLI's last-resort net means a bug was hit
        if code:
            assert err.count("\n") == 1 and err.startswith("goals-desktop"), repr(err)
        return code, out, err

    return run

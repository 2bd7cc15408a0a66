"""Fixtures for the todos tests: the seed's goal in a real database, and a real CLI process."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def seeded(service, seed_goal):
    """The service with the seed's example goal (node_1 done, node_2 open, node_1 -> node_2)."""
    service.import_goals([seed_goal])
    return service


@pytest.fixture
def changes(service):
    heard = []
    service.subscribe(heard.append)
    return heard


class Cli:
    def __init__(self, db_path):
        self.env = {**os.environ, "GOALS_DESKTOP_DATABASE": str(db_path)}

    def run(self, *args, expect_ok=True):
        done = subprocess.run(
            [sys.executable, "-m", "goals_desktop", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if expect_ok:
            assert done.returncode == 0, done.stderr
            assert done.stderr == ""
        return done

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)


@pytest.fixture
def cli(db_path):
    return Cli(db_path)

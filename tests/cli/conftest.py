"""Fixtures for the CLI tests: the real entry point in a new process (tests/support/cli_forks.py), and
the AI tests' loopback OpenAI-compatible server with an isolated provider configuration."""

import json
import os

import pytest

from tests.support.cli_forks import run_cli


@pytest.fixture(autouse=True)
def isolated_ai(ai_env):
    """The AI commands need the same isolated settings as tests/ai (tests/conftest.py's ai_env)."""
    return ai_env


class Cli:
    def __init__(self, db_path):
        self.env = {**os.environ, "GOALS_DESKTOP_DATABASE": str(db_path)}

    def run(self, *args, expect_ok=True):
        done = run_cli(args, env=self.env, timeout=60)
        if expect_ok:
            assert done.returncode == 0, done.stderr
            assert done.stderr == ""
        return done

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)


@pytest.fixture
def cli(db_path, sqlite_template):
    # A migrated copy, as the PostgreSQL runs get a copy of a template database: the first command
    # of each test does not pay for Alembic in its process.
    sqlite_template.start(db_path)
    return Cli(db_path)

"""A test run must leave the repository as it found it: the session fails when it ends with untracked
files that were not there when it began (a run once committed a SQLite file named `None`, made by
passing a PostgreSQL database's missing path as `--database`). Outside a git checkout, or without
git, there is nothing to compare and nothing is checked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

_BEFORE = pytest.StashKey[frozenset]()


def untracked_files(root: Path) -> frozenset[str] | None:
    """Paths git reports as untracked (ignored ones excluded) below root, or None if root is not in a
    git checkout (or git cannot be run)."""
    try:
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all", "-z", "--", "."],
            capture_output=True, text=True, timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if status.returncode != 0:
        return None
    return frozenset(entry[3:] for entry in status.stdout.split("\0") if entry.startswith("?? "))


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")  # pytest-xdist: the controller alone compares


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _is_worker(session.config):
        before = untracked_files(session.config.rootpath)
        if before is not None:
            session.config.stash[_BEFORE] = before


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    after = untracked_files(session.config.rootpath)
    left = sorted((after or frozenset()) - before)
    if not left:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        shown = ", ".join(left[:10]) + (f" and {len(left) - 10} more" if len(left) > 10 else "")
        reporter.write_line(f"ERROR: the test run left new untracked files in the repository: {shown}", red=True, bold=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED

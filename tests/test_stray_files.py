"""The end-of-session check (tests/support/stray_files.py) fails a run that leaves untracked files in
the repository, and keeps quiet outside a git checkout. Each case runs a real pytest session."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LEAVES_A_FILE = '''
from pathlib import Path

def test_writes_into_the_repository():
    Path(__file__).with_name("None").write_bytes(b"SQLite format 3")
'''
LEAVES_NOTHING = '''
def test_writes_nothing(tmp_path):
    (tmp_path / "elsewhere").write_text("fine: pytest's own temporary folder")
'''


def run_session(folder: Path, test_source: str) -> subprocess.CompletedProcess:
    (folder / "conftest.py").write_text('pytest_plugins = ["tests.support.stray_files"]\n')
    (folder / "test_it.py").write_text(test_source)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:schemathesis", "--rootdir", str(folder), str(folder)],
        cwd=folder, capture_output=True, text=True, env=env, timeout=120,
    )


def git_checkout(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


@pytest.mark.parametrize(("source", "fails"), [(LEAVES_A_FILE, True), (LEAVES_NOTHING, False)])
def test_a_run_that_leaves_an_untracked_file_fails(tmp_path, source, fails):
    done = run_session(git_checkout(tmp_path / "repo"), source)
    assert (done.returncode != 0) == fails, done.stdout + done.stderr
    assert ("left new untracked files in the repository: None" in done.stdout) == fails, done.stdout


def test_outside_a_git_checkout_nothing_is_checked(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    done = run_session(folder, LEAVES_A_FILE)
    assert done.returncode == 0, done.stdout + done.stderr

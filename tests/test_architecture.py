"""The house's import arrows (pyproject's [tool.importlinter] contracts) hold for the code as it is,
and no module grows past what a maintainer reads at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout and "KEPT" in result.stdout


MODULE_LINES_MAX = 500


def test_no_module_is_longer_than_a_maintainer_reads_at_once():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "goals_desktop").rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES_MAX
    }
    assert not long, f"split these modules (at most {MODULE_LINES_MAX} lines each): {long}"

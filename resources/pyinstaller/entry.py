"""Entry point of the frozen app: the same CLI (and, with no subcommand, the window)."""

import os
import sys

# A windowed build on Windows/macOS has no console: give print() somewhere harmless to go.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")

from goals_desktop.cli import main  # noqa: E402

raise SystemExit(main())

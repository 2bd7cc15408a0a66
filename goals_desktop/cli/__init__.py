"""Command-line face over GoalService; with no subcommand it opens the window.

Every user error ends as one line on stderr and exit status 1 (2 for usage errors); never a traceback.

Command groups
--------------
``GROUPS`` maps each top-level command to the module that defines it. ``main`` imports only the
module of the command named on the command line (all of them only to print the top-level help or a
usage error naming the valid commands), and none at all when it opens the window. So a group costs
nothing to the other commands, and importing a group module must have no side effects.

A group module provides exactly one function::

    def register(subparsers) -> None

which adds the group's parser (``subparsers.add_parser(NAME, help=...)``, NAME being its key in
``GROUPS``) and its subcommands, each with ``set_defaults(handler=fn)``. A handler is

- ``fn(service, args) -> int``: the package opens the GoalService first, from ``--database`` or
  ``GOALS_DESKTOP_DATABASE`` (see ``common.open_service_for``); or
- ``fn(args) -> int`` when the subcommand also sets ``set_defaults(needs_service=False)``: for
  commands that must not open the database (``ai configure``, ``db check``, ``db restore`` ...).

It returns the exit status. A user error is raised, not printed: ``common.fail(message)`` (or any
``GoalsError``) becomes one line on stderr and exit status 1. Shared helpers (print_json, fail,
open_service_for ...) live in ``common``. Nothing outside this package imports it.

Lazy imports: all of them, and why
----------------------------------
Start-up time is measured (``bench/cli_bench.py``, ``bench/startup_bench.py``), so what is loaded
late is decided here, not module by module. A group module imports what its commands use at its
top, like any module; these, and only these, are loaded inside a function:

- the command group modules themselves (``GROUPS``, by ``build_parser``) and ``common`` (by
  ``_run``): a command pays only for its own group, and the window for no command code;
- the window (``launch_window``): Qt and the app, for ``goals-desktop`` with no command;
- Qt for image exports (``goals export --format png|svg|pdf``, in ``goals.export_one_goal``);
- FastAPI and uvicorn (``serve.run_serve``): not for ``serve --show-token``;
- SQLAlchemy behind the database (``common.open_service_for``, ``common.database_path`` and the
  ``db`` group's handlers): commands that set ``needs_service=False`` (``ai ...``, ``db check``,
  ``db restore``, ...) must not pay for it.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from goals_desktop import APP_NAME, __version__
from goals_desktop.domain.errors import GoalsError

#: Top-level command -> module defining it (see the module docstring). Insertion order is the order
#: of the commands in --help.
GROUPS: dict[str, str] = {
    "goals": "goals_desktop.cli.goals",
    "roadmap": "goals_desktop.cli.roadmap",
    "ai": "goals_desktop.cli.ai",
    "todos": "goals_desktop.cli.todos",
    "db": "goals_desktop.cli.db",
    "serve": "goals_desktop.cli.serve",
    "sync": "goals_desktop.cli.sync",
    "due": "goals_desktop.cli.due",
}

EXIT_ERROR = 1
_DATABASE_OPTION = "--database"
_LANG_OPTION = "--lang"
_VALUE_OPTIONS = (_DATABASE_OPTION, _LANG_OPTION)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the whole usage block
        self.exit(2, f"{self.prog}: error: {message}\n")


def _base_parser() -> argparse.ArgumentParser:
    """The options that come before the subcommand; all the window needs."""
    parser = _Parser(prog="goals-desktop", description=f"{APP_NAME}: goals with AI-drawn roadmaps.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        _DATABASE_OPTION,
        metavar="PATH_OR_URL",
        help="SQLite file, or postgresql://user@host/dbname, to use (default: $GOALS_DESKTOP_DATABASE "
        "or a file in your user data folder)",
    )
    parser.add_argument(
        _LANG_OPTION,
        metavar="CODE",
        help="the window's language, e.g. de or en (default: the saved choice, else your system's); "
        "the command-line interface and the API always speak English",
    )
    return parser


def build_parser(groups: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser with the given command groups (default: all of them), importing just those."""
    parser = _base_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in GROUPS if groups is None else groups:
        importlib.import_module(GROUPS[name]).register(commands)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The first positional argument (the command), skipping the top-level options, as argparse would."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            return token  # argparse's own reading of it varies by version: let it decide, with every group
        if token.startswith("-") and len(token) > 1:
            # argparse accepts any unambiguous prefix of an option, whose value may be the next token.
            name = token.split("=", 1)[0]
            if "=" not in token and len(name) > 2 and any(option.startswith(name) for option in _VALUE_OPTIONS):
                next(tokens, None)
            continue
        return token
    return None


def _asks_for_help(argv: Sequence[str]) -> bool:
    return any(token in ("-h", "--help") or (len(token) >= 3 and "--help".startswith(token)) for token in argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_named(argv)
    if command is None and not _asks_for_help(argv):
        return launch_window(_base_parser().parse_args(argv))
    # A known command needs only its own group; help and usage errors list them all.
    args = build_parser([command] if command in GROUPS else None).parse_args(argv)
    if args.command is None:
        return launch_window(args)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .common import CliError, open_service_for, print_error  # lazy: the window runs no command code

    try:
        if getattr(args, "needs_service", True):
            return args.handler(open_service_for(args), args)
        return args.handler(args)
    except (GoalsError, CliError) as error:
        print_error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("goals-desktop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: still one line for the user; GOALS_DESKTOP_DEBUG=1 shows the traceback
        if os.environ.get("GOALS_DESKTOP_DEBUG"):
            raise
        print_error(
            f"unexpected problem ({type(error).__name__}); please report it (GOALS_DESKTOP_DEBUG=1 shows the details)."
        )
        return EXIT_ERROR


def launch_window(args: argparse.Namespace) -> int:
    import gc

    gc.disable()  # during the window's imports too: run_app turns the collector back on (see there)
    try:
        from goals_desktop.app import run_app
    except ImportError as error:
        gc.enable()
        print(f"goals-desktop: error: the window cannot start ({error}); the CLI still works, see --help.", file=sys.stderr)
        return EXIT_ERROR
    return run_app(database=args.database, language=args.lang)


def gui_main() -> int:
    """The windowed launcher's entry point: the same program (with no subcommand, just the window)."""
    return main(sys.argv[1:])

"""Helpers shared by the command groups: output, one-line failures, input files, opening the database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from goals_desktop.domain.rules import days_left_text

if TYPE_CHECKING:
    from goals_desktop.domain.todos import Todo
    from goals_desktop.storage import GoalService


class CliError(Exception):
    """A usage problem found after parsing (e.g. a file that cannot be read)."""


def fail(message: str) -> NoReturn:
    """Stop the command: the message becomes one line on stderr and exit status 1."""
    raise CliError(message)


def print_error(message: str) -> None:
    print(f"goals-desktop: error: {message}", file=sys.stderr, flush=True)


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def read_file_bytes(name: str) -> bytes:
    """The bytes of file name (or standard input for -); a file problem is one clear error."""
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise CliError(f"no such file: {name}") from None
    except IsADirectoryError:
        raise CliError(f"{name} is a folder, not a file") from None
    except OSError as error:
        raise CliError(f"cannot read {name}: {error.strerror or error}") from None


def database_path(args: argparse.Namespace) -> Path | str:
    """The file (a Path) or server (a postgresql:// URL) --database names, else
    $GOALS_DESKTOP_DATABASE, else the file in the user data folder."""
    from goals_desktop.storage.location import database_target

    return database_target(args.database)


def open_service_for(args: argparse.Namespace) -> GoalService:
    from goals_desktop.storage import open_service

    return open_service(database_path(args))


# -- todos, shown by both `todos ...` and `goals todo` -----------------------------------------------


def _mark(done: bool) -> str:
    return "[x]" if done else "[ ]"


def print_todo(todo: Todo) -> None:
    extra = []
    if todo.due_date:
        extra.append(f"due {todo.due_date[:10]} ({days_left_text(todo.due_date)})")
    if todo.goal_id:
        extra.append(f"goal: {todo.goal_title} ({todo.goal_id})")
    if todo.node_id:
        extra.append(f"milestone: {todo.node_label} ({todo.node_id})")
    tail = "  " + "  ".join(extra) if extra else ""
    print(f"{_mark(todo.completed)} {todo.id}  {todo.title}{tail}")
    for number, subtask in enumerate(todo.subtasks, start=1):
        link = f"  (milestone {subtask.node_id})" if subtask.node_id else ""
        print(f"      {number:2d}. {_mark(subtask.completed)} {subtask.title}{link}")
    if todo.notes.strip():
        print(f"      {todo.notes.strip().splitlines()[0]}")

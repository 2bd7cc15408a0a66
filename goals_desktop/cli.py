"""Command-line face over GoalService; with no subcommand it opens the window.

Every user error ends as one line on stderr and exit status 1 (2 for usage errors); never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from goals_desktop import APP_NAME, __version__
from goals_desktop.domain.errors import GoalsError, ValidationError
from goals_desktop.domain.rules import days_left_text
from goals_desktop.domain.models import STATUSES, Goal

EXIT_ERROR = 1

# Subcommand groups added by other parts of the app register here: name -> (add_parser, ...)
CommandRegistrar = Callable[[argparse._SubParsersAction], None]
_extra_command_groups: list[CommandRegistrar] = []


def register_command_group(registrar: CommandRegistrar) -> CommandRegistrar:
    _extra_command_groups.append(registrar)
    return registrar


class CliError(Exception):
    """A usage problem found after parsing (e.g. a file that cannot be read)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not the whole usage block
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="goals-desktop", description=f"{APP_NAME}: goals with AI-drawn roadmaps.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help="SQLite file, or postgresql://user@host/dbname, to use (default: $GOALS_DESKTOP_DATABASE "
        "or a file in your user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    goals = commands.add_parser("goals", help="create, list, show, update and delete goals")
    goal_commands = goals.add_subparsers(dest="goal_command", metavar="ACTION", required=True, parser_class=_Parser)

    create = goal_commands.add_parser("create", help="create a goal")
    create.add_argument("title")
    create.add_argument("--description")
    create.add_argument("--target-date", metavar="DATE", help="ISO 8601, e.g. 2026-12-31")
    create.add_argument("--json", action="store_true", help="print the seed's JSON")
    create.set_defaults(handler=_goals_create)

    listing = goal_commands.add_parser("list", help="list goals")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--search", metavar="TEXT")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_goals_list)

    show = goal_commands.add_parser("show", help="show one goal with its roadmap")
    show.add_argument("goal_id", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_goals_show)

    update = goal_commands.add_parser("update", help="change a goal's title, description, target date or status")
    update.add_argument("goal_id", metavar="ID")
    update.add_argument("--title")
    update.add_argument("--description", help="new description ('' clears it)")
    update.add_argument("--target-date", metavar="DATE", help="new target date ('' clears it)")
    update.add_argument("--status", choices=STATUSES)
    update.add_argument("--json", action="store_true")
    update.set_defaults(handler=_goals_update)

    delete = goal_commands.add_parser("delete", help="delete a goal and its roadmap")
    delete.add_argument("goal_id", metavar="ID")
    delete.set_defaults(handler=_goals_delete)

    node = goal_commands.add_parser("node", help="check off (or reopen) a roadmap milestone")
    node.add_argument("goal_id", metavar="GOAL_ID")
    node.add_argument("node_id", metavar="NODE_ID")
    state = node.add_mutually_exclusive_group(required=True)
    state.add_argument("--complete", dest="completed", action="store_true")
    state.add_argument("--incomplete", dest="completed", action="store_false")
    node.add_argument("--json", action="store_true")
    node.set_defaults(handler=_goals_node)

    export = goal_commands.add_parser("export", help="write goals (with roadmaps) as JSON")
    export.add_argument("goal_ids", metavar="ID", nargs="*")
    export.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    export.set_defaults(handler=_goals_export)

    importing = goal_commands.add_parser("import", help="add goals from a JSON file (a list in the seed's shape)")
    importing.add_argument("file", metavar="FILE", help="JSON file, or - for standard input")
    importing.add_argument("--json", action="store_true")
    importing.set_defaults(handler=_goals_import)

    for registrar in _extra_command_groups:
        registrar(commands)
    return parser


# -- output helpers ---------------------------------------------------------------------------


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _goal_line(goal: Goal) -> str:
    due = f"  target {goal.target_date[:10]} ({days_left_text(goal.target_date)})" if goal.target_date else ""
    return f"{goal.id}  {goal.progress:3d}%  {goal.status:<9}  {goal.title}{due}"


def _print_goal(goal: Goal) -> None:
    print(f"{goal.title}  [{goal.id}]")
    print(f"  status {goal.status}, progress {goal.progress}%")
    if goal.target_date:
        print(f"  target {goal.target_date} ({days_left_text(goal.target_date)})")
    if goal.description:
        print(f"  {goal.description}")
    if goal.roadmap is None:
        print("  no roadmap yet")
        return
    print(f"  roadmap: {len(goal.roadmap.nodes)} milestones, {len(goal.roadmap.edges)} links")
    depends: dict[str, list[str]] = {}
    labels = {n.id: n.label for n in goal.roadmap.nodes}
    for edge in goal.roadmap.edges:
        depends.setdefault(edge.target, []).append(labels[edge.source])
    for node in goal.roadmap.nodes:
        mark = "x" if node.completed else " "
        extra = f"  ({node.estimated_time})" if node.estimated_time else ""
        after = f"  after: {', '.join(depends[node.id])}" if node.id in depends else ""
        print(f"  [{mark}] {node.id}  {node.label}{extra}{after}")


# -- handlers -----------------------------------------------------------------------------------


def _goals_create(service, args) -> int:
    goal = service.create_goal(args.title, args.description, args.target_date)
    print_json(goal.to_dict()) if args.json else print(f"Created {goal.id}: {goal.title}")
    return 0


def _goals_list(service, args) -> int:
    goals = service.list_goals(status=args.status, search=args.search)
    if args.json:
        print_json([g.to_summary_dict() for g in goals])
    elif not goals:
        print("No goals yet. Create one with: goals-desktop goals create \"My goal\"")
    else:
        for goal in goals:
            print(_goal_line(goal))
    return 0


def _goals_show(service, args) -> int:
    goal = service.get_goal(args.goal_id)
    print_json(goal.to_dict()) if args.json else _print_goal(goal)
    return 0


def _goals_update(service, args) -> int:
    from goals_desktop.storage import UNSET

    changes = {
        name: value
        for name, value in (
            ("title", args.title),
            ("description", args.description),
            ("target_date", args.target_date),
            ("status", args.status),
        )
        if value is not None
    }
    if not changes:
        raise CliError("nothing to update; give --title, --description, --target-date or --status")
    goal = service.update_goal(args.goal_id, **{k: changes.get(k, UNSET) for k in ("title", "description", "target_date", "status")})
    print_json(goal.to_dict()) if args.json else print(f"Updated {goal.id}: {goal.title}")
    return 0


def _goals_delete(service, args) -> int:
    service.delete_goal(args.goal_id)
    print(f"Deleted {args.goal_id}")
    return 0


def _goals_node(service, args) -> int:
    goal = service.update_node(args.goal_id, args.node_id, completed=args.completed)
    if args.json:
        print_json({"id": goal.id, "progress": goal.progress, "status": goal.status, "roadmap": goal.roadmap.to_dict()})
    else:
        print(f"Progress {goal.progress}% ({goal.status})")
    return 0


def _goals_export(service, args) -> int:
    data = service.export_goals(args.goal_ids or None)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CliError(f"cannot write {args.output}: {error.strerror or error}") from None
        print(f"Exported {len(data)} goal{'s' if len(data) != 1 else ''} to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _goals_import(service, args) -> int:
    data = read_json_file(args.file)
    goals = service.import_goals(data)
    if args.json:
        print_json([g.to_dict() for g in goals])
    else:
        for goal in goals:
            print(f"Imported {goal.id}: {goal.title} ({goal.progress}%)")
    return 0


def read_json_file(name: str) -> Any:
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"no such file: {name}") from None
    except IsADirectoryError:
        raise CliError(f"{name} is a folder, not a file") from None
    except UnicodeDecodeError:
        raise CliError(f"{name} is not UTF-8 text") from None
    except OSError as error:
        raise CliError(f"cannot read {name}: {error.strerror or error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}).") from None
    except RecursionError:
        raise ValidationError(f"{name} is nested too deeply to be a goals file.") from None


# -- entry points -------------------------------------------------------------------------------


def open_service_for(args: argparse.Namespace):
    from goals_desktop.storage import open_service

    from goals_desktop.storage.files import database_target

    return open_service(database_target(args.database))


def _load_command_groups() -> None:
    # Optional faces (AI generation, todos, database tools) register their subcommands on import.
    import importlib

    for module in ("goals_desktop.ai.cli", "goals_desktop.todos_cli", "goals_desktop.storage.db_cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            # Absent face (the module or its package, e.g. goals_desktop.ai): skip; broken imports inside it: raise.
            if error.name != module and not module.startswith(f"{error.name}."):
                raise


def main(argv: Sequence[str] | None = None) -> int:
    _load_command_groups()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return launch_window(args)
    try:
        # Database tools (db check/restore) must work on a file that cannot be opened normally.
        service = open_service_for(args) if getattr(args, "needs_service", True) else None
        return args.handler(service, args)
    except (GoalsError, CliError) as error:
        print(f"goals-desktop: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("goals-desktop: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: still one line for the user; GOALS_DESKTOP_DEBUG=1 shows the traceback
        if os.environ.get("GOALS_DESKTOP_DEBUG"):
            raise
        print(
            f"goals-desktop: error: unexpected problem ({type(error).__name__}); please report it "
            "(GOALS_DESKTOP_DEBUG=1 shows the details).",
            file=sys.stderr,
        )
        return EXIT_ERROR


def launch_window(args: argparse.Namespace) -> int:
    try:
        from goals_desktop.app import run_app
    except ImportError as error:
        print(f"goals-desktop: error: the window cannot start ({error}); the CLI still works, see --help.", file=sys.stderr)
        return EXIT_ERROR
    return run_app(database=args.database)


def gui_main() -> int:
    return main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())

"""`goals-desktop db ...`: check, back up and restore the database file (never opens it for writing
unless asked to restore)."""

from __future__ import annotations

import argparse
from pathlib import Path

from goals_desktop.cli import CliError, register_command_group
from goals_desktop.domain.errors import StorageError

from . import backup as backups
from .files import default_database_path, inspect_file


def _database_path(args: argparse.Namespace) -> Path:
    return Path(args.database).expanduser() if args.database else default_database_path()


@register_command_group
def add_db_commands(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="check, back up and restore the database file")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True, parser_class=type(db))

    path = actions.add_parser("path", help="print where the database file is")
    path.set_defaults(handler=_db_path, needs_service=False)

    check = actions.add_parser("check", help="full integrity check and schema version (exit 1 on problems)")
    check.set_defaults(handler=_db_check, needs_service=False)

    backup = actions.add_parser("backup", help="copy the database into the backups folder beside it")
    backup.set_defaults(handler=_db_backup, needs_service=False)

    restore = actions.add_parser(
        "restore", help="replace the database with a backup (the newest by default); the current file is kept"
    )
    restore.add_argument("backup", metavar="BACKUP", nargs="?", help="a backup's file name (see --list) or path")
    restore.add_argument("--list", action="store_true", help="list the backups, newest first, and change nothing")
    restore.set_defaults(handler=_db_restore, needs_service=False)


def _db_path(_service, args) -> int:
    print(_database_path(args))
    return 0


def _db_check(_service, args) -> int:
    path = _database_path(args)
    if not path.is_file():
        raise CliError(f"there is no database at {path}")
    report = inspect_file(path, full=True)
    if report.revision is None and report.goal_count is None:
        schema = "empty (it gets its tables when first opened)"
    elif report.revision == report.head:
        schema = f"schema {report.revision} (current)"
    else:
        schema = f"schema {report.revision} (upgraded to {report.head} when next opened, after a backup)"
    goals = f", {report.goal_count} goal{'s' if report.goal_count != 1 else ''}" if report.goal_count is not None else ""
    latest = backups.list_backups(path)
    last = f"; newest backup {latest[0].created:%Y-%m-%d %H:%M} UTC" if latest else "; no backups yet"
    print(f"OK: {path}: integrity ok, {schema}{goals}{last}")
    return 0


def _db_backup(_service, args) -> int:
    made = backups.create_backup(_database_path(args), reason="manual")
    print(f"Backed up to {made.path}")
    return 0


def _db_restore(_service, args) -> int:
    path = _database_path(args)
    if args.list:
        found = backups.list_backups(path)
        if not found:
            print(f"No backups of {path} yet (they go in {backups.backups_folder(path)}).")
        for item in found:
            print(f"{item.path.name}  {item.created:%Y-%m-%d %H:%M:%S} UTC  {item.reason}  {item.size} bytes")
        return 0
    try:
        result = backups.restore_backup(path, args.backup)
    except StorageError:
        raise
    kept = f"; the previous file was kept as {result.previous_copy}" if result.previous_copy else ""
    print(f"Restored {path} from {result.restored_from.path.name}{kept}")
    return 0

"""`goals-desktop db ...`: check, back up and restore the database file (never opens it for writing
unless asked to restore). None of these opens the GoalService: they must work on a file that cannot
be opened normally."""

from __future__ import annotations

from .common import database_path, fail


def register(subparsers) -> None:
    db = subparsers.add_parser("db", help="check, back up and restore the database file")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

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


def _db_path(args) -> int:
    print(database_path(args))
    return 0


def _db_check(args) -> int:
    from goals_desktop.storage import backup as backups
    from goals_desktop.storage.files import inspect_file

    path = database_path(args)
    if not path.is_file():
        fail(f"there is no database at {path}")
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


def _db_backup(args) -> int:
    from goals_desktop.storage import backup as backups

    made = backups.create_backup(database_path(args), reason="manual")
    print(f"Backed up to {made.path}")
    return 0


def _db_restore(args) -> int:
    from goals_desktop.storage import backup as backups

    path = database_path(args)
    if args.list:
        found = backups.list_backups(path)
        if not found:
            print(f"No backups of {path} yet (they go in {backups.backups_folder(path)}).")
        for item in found:
            print(f"{item.path.name}  {item.created:%Y-%m-%d %H:%M:%S} UTC  {item.reason}  {item.size} bytes")
        return 0
    result = backups.restore_backup(path, args.backup)
    kept = f"; the previous file was kept as {result.previous_copy}" if result.previous_copy else ""
    print(f"Restored {path} from {result.restored_from.path.name}{kept}")
    return 0

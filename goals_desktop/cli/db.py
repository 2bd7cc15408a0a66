"""`goals-desktop db ...`: check, back up, restore and copy the database — an SQLite file (never
opened for writing unless asked to restore) or a PostgreSQL server (whose own backups, pg_dump,
apply). None of these opens the GoalService: they must work on a database that cannot be opened
normally."""

from __future__ import annotations

from pathlib import Path

from .common import database_path, fail


def register(subparsers) -> None:
    db = subparsers.add_parser("db", help="check, back up, restore and copy the database")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)

    path = actions.add_parser("path", help="print where the database is (a file, or a server URL)")
    path.set_defaults(handler=_db_path, needs_service=False)

    check = actions.add_parser("check", help="full integrity check and schema version (exit 1 on problems)")
    check.set_defaults(handler=_db_check, needs_service=False)

    backup = actions.add_parser(
        "backup", help="copy the database into the backups folder beside it (on a server: a pg_dump file)"
    )
    backup.add_argument("--output", metavar="FILE", help="on a PostgreSQL server: where the pg_dump file goes")
    backup.set_defaults(handler=_db_backup, needs_service=False)

    restore = actions.add_parser(
        "restore", help="replace the database with a backup (the newest by default); the current file is kept"
    )
    restore.add_argument("backup", metavar="BACKUP", nargs="?", help="a backup's file name (see --list) or path")
    restore.add_argument("--list", action="store_true", help="list the backups, newest first, and change nothing")
    restore.set_defaults(handler=_db_restore, needs_service=False)

    copy = actions.add_parser(
        "copy",
        help="copy everything (goals, roadmaps, todos; same ids and timestamps) to or from another database",
        description="Copy every goal, roadmap, todo and subtask between this database (--database) and another "
        "file or postgresql:// URL, in one transaction. A target that holds data is refused unless --replace.",
    )
    way = copy.add_mutually_exclusive_group(required=True)
    way.add_argument("--to", metavar="PATH_OR_URL", help="copy this database into that one")
    way.add_argument("--from", dest="from_", metavar="PATH_OR_URL", help="copy that database into this one")
    copy.add_argument("--replace", action="store_true", help="empty a target that holds data first (in the same transaction)")
    copy.set_defaults(handler=_db_copy, needs_service=False)


def _db_path(args) -> int:
    from goals_desktop.storage.dialects import location_of

    print(location_of(database_path(args)))
    return 0


def _server(target: str, migrate: bool = False):
    from goals_desktop.storage import Database

    return Database(target, migrate=migrate)


def _db_check(args) -> int:
    from goals_desktop.storage import backup as backups
    from goals_desktop.storage.files import inspect_file

    path = database_path(args)
    if not isinstance(path, Path):
        return _db_check_server(path)
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


def _db_check_server(url: str) -> int:
    from goals_desktop.storage.migrations import known_revisions
    from goals_desktop.storage.transfer import check_server

    database = _server(url)
    try:
        report = check_server(database)
    finally:
        database.close()
    if report.revision is not None and report.revision not in known_revisions()[0]:
        fail(
            f"{report.location} was made by a newer version of Goals Desktop (schema {report.revision}); update the app"
        )
    if report.revision is None:
        schema = "empty (it gets its tables when first opened)"
    elif report.revision == report.head:
        schema = f"schema {report.revision} (current)"
    else:
        schema = f"schema {report.revision} (upgraded to {report.head} when next opened, in one transaction)"
    held = ""
    if report.counts is not None:
        goals, todos = report.counts["goals"], report.counts["todos"]
        held = f", {goals} goal{'s' if goals != 1 else ''}, {todos} todo{'s' if todos != 1 else ''}"
    print(
        f"OK: {report.location}: PostgreSQL {report.server_version} reachable, {schema}{held}; "
        "backups are the server's own (pg_dump; `goals-desktop db backup` runs it)"
    )
    return 0


def _db_backup(args) -> int:
    from goals_desktop.storage import backup as backups

    target = database_path(args)
    if not isinstance(target, Path):
        from goals_desktop.storage.transfer import dump_server

        database = _server(target)
        try:
            made = dump_server(database, Path(args.output).expanduser() if args.output else None)
        finally:
            database.close()
        print(f"Backed up {database.location} with pg_dump to {made} (restore it with pg_restore)")
        return 0
    if args.output:
        fail("--output is for a PostgreSQL database; a file's backups go in the backups folder beside it")
    made = backups.create_backup(target, reason="manual")
    print(f"Backed up to {made.path}")
    return 0


def _db_restore(args) -> int:
    from goals_desktop.storage import backup as backups

    path = database_path(args)
    if not isinstance(path, Path):
        fail(
            "a PostgreSQL database is restored with the server's tools: stop every copy of the app, then run "
            f"pg_restore --clean --if-exists --no-owner --dbname '{_location(path)}' FILE.pgdump"
        )
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


def _location(target) -> str:
    from goals_desktop.storage.dialects import location_of

    return location_of(target)


def _db_copy(args) -> int:
    from goals_desktop.storage import Database
    from goals_desktop.storage.location import database_target
    from goals_desktop.storage.transfer import copy_database

    here = database_path(args)
    there = database_target(args.to or args.from_)
    source, target = (here, there) if args.to else (there, here)
    if isinstance(source, Path) and not source.is_file():
        fail(f"there is no database at {source} to copy from")
    opened = []
    try:
        # Both at the newest schema first (a file gets its usual backup before an upgrade).
        opened.append(Database(source))
        opened.append(Database(target))
        report = copy_database(opened[0], opened[1], replace=args.replace)
    finally:
        for database in opened:
            database.close()
    replaced = report.replaced
    note = f" (replacing {replaced['goals']} goals and {replaced['todos']} todos)" if any(replaced.values()) else ""
    print(f"Copied {report.summary()} from {report.source} to {report.target}{note}")
    return 0

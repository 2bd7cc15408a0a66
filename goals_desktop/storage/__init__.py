"""Storage: the database (an SQLite file or a PostgreSQL server), its migrations, and GoalService, the
one door every change goes through."""

from .db import Database
from .files import DATABASE_ENV, default_database_path
from .results import Change, ChangeKind, Outcome, TodosChanged
from .service import GoalService
from .unit import UNSET

__all__ = [
    "DATABASE_ENV",
    "UNSET",
    "Change",
    "ChangeKind",
    "Database",
    "GoalService",
    "Outcome",
    "TodosChanged",
    "default_database_path",
]


def open_service(path=None) -> GoalService:
    """Open (creating and migrating as needed) the database at path (or postgresql:// URL), or the default one.

    Also takes the day's automatic backup (see backup.ensure_daily_backup); both faces open here.
    """
    from .backup import ensure_daily_backup

    database = Database(path or default_database_path())
    # A server's data is kept safe by the server's own backups (pg_dump), not by files beside it.
    if not database.created and database.is_file:
        ensure_daily_backup(database.path)
    return GoalService(database)

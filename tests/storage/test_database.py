"""The database file itself: pragmas, migrations from empty, refusing files that are not ours."""

import sqlite3

import pytest

from goals_desktop.domain.errors import StorageError
from goals_desktop.storage import Database, GoalService


def test_a_new_file_is_migrated_to_the_newest_schema(tmp_path):
    path = tmp_path / "fresh.sqlite3"
    database = Database(path)
    current, head = database.schema_revisions()
    assert current == head is not None
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"goals", "nodes", "edges", "alembic_version"} <= tables


def test_an_existing_empty_file_is_migrated_too(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    GoalService(Database(path)).create_goal("works")
    assert GoalService(Database(path)).list_goals()[0].title == "works"


@pytest.mark.sqlite_only
def test_connections_use_wal_foreign_keys_and_a_busy_timeout(service):
    with service.db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_migrations_ship_inside_the_package():
    from goals_desktop.storage.migrations import MIGRATIONS_DIR

    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert any(MIGRATIONS_DIR.joinpath("versions").glob("0001_*.py"))


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my precious notes\n" * 200)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="is not a Goals Desktop database"):
        Database(path)
    assert path.read_bytes() == before


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    Database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StorageError, match="newer version"):
        Database(path)


def test_fast_revision_reading_agrees_with_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from goals_desktop.storage.migrations import MIGRATIONS_DIR, known_revisions

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert known_revisions() == ({rev.revision for rev in script.walk_revisions()}, script.get_current_head())

"""Automatic backups: daily, before migrations, pruned to the newest few; restore keeps the current file."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from goals_desktop.domain.errors import StorageError
from goals_desktop.storage import Database, GoalService, open_service
from goals_desktop.storage import migrations as migrations_module
from goals_desktop.storage.backup import (
    KEEP,
    create_backup,
    daily_backup,
    list_backups,
    restore_backup,
)

from .conftest import digest

# Backups are files beside an SQLite database; a server's are pg_dump's (tests/storage/test_postgres.py).
pytestmark = pytest.mark.sqlite_only

NEW_REVISION_TEMPLATE = '''"""Test-only: a later schema version.

Revision ID: 9001
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("goals") as batch:
        batch.add_column(sa.Column("colour", sa.String, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("goals") as batch:
        batch.drop_column("colour")
'''


SHIPPED_MIGRATIONS = migrations_module.MIGRATIONS_DIR


def shipped_head() -> str:
    """The newest revision the app ships, so these tests follow new migrations."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(SHIPPED_MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def new_revision() -> str:
    """A test-only later schema version on top of what ships."""
    return NEW_REVISION_TEMPLATE.replace("{head}", shipped_head())


def test_open_takes_one_backup_a_day_and_none_for_a_brand_new_file(db_path):
    service = open_service(db_path)
    service.create_goal("Kept safe")
    service.db.close()
    assert list_backups(db_path) == []  # a file made by this open has nothing to back up yet
    open_service(db_path).db.close()
    open_service(db_path).db.close()
    backups = list_backups(db_path)
    assert [b.reason for b in backups] == ["daily"]
    copy = GoalService(Database(backups[0].path, migrate=False))
    assert [g.title for g in copy.list_goals()] == ["Kept safe"]
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    assert daily_backup(db_path, now=tomorrow) is not None
    assert daily_backup(db_path, now=tomorrow) is None


def test_backups_are_single_files_pruned_to_the_newest(db_path, service):
    service.create_goal("One")
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for day in range(KEEP + 3):
        create_backup(db_path, reason="daily", now=start + timedelta(days=day))
    backups = list_backups(db_path)
    assert len(backups) == KEEP
    assert backups[0].created == start + timedelta(days=KEEP + 2)
    assert backups[-1].created == start + timedelta(days=3)
    leftovers = [p.name for p in backups[0].path.parent.iterdir() if not p.name.endswith(".sqlite3")]
    assert leftovers == []  # no -wal/-shm/.partial beside backups
    with sqlite3.connect(backups[0].path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_backup_before_migration_and_migration_keeps_data(db_path, tmp_path, monkeypatch):
    service = GoalService(Database(db_path))
    service.create_goal("Before the upgrade")
    service.db.close()
    migrations = tmp_path / "migrations"
    shutil.copytree(migrations_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9001_colour.py").write_text(new_revision())
    monkeypatch.setattr(migrations_module, "MIGRATIONS_DIR", migrations)

    upgraded = Database(db_path)
    assert upgraded.schema_revisions() == ("9001", "9001")
    backups = list_backups(db_path)
    assert [b.reason for b in backups] == [f"before-upgrade-{shipped_head()}"]
    with sqlite3.connect(backups[0].path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (shipped_head(),)
        assert raw.execute("SELECT title FROM goals").fetchall() == [("Before the upgrade",)]
    assert [g.title for g in GoalService(upgraded).list_goals()] == ["Before the upgrade"]


def test_no_migration_without_a_backup(db_path, tmp_path, monkeypatch):
    writer = GoalService(Database(db_path))
    writer.create_goal("Precious")
    # Closed now, not whenever the garbage collector gets to it (closing checkpoints the WAL,
    # which would change the file in the middle of the comparison below).
    writer.db.close()
    before = digest(db_path)
    migrations = tmp_path / "migrations"
    shutil.copytree(migrations_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9001_colour.py").write_text(new_revision())
    monkeypatch.setattr(migrations_module, "MIGRATIONS_DIR", migrations)
    (db_path.parent / "backups").write_text("a file where the backups folder should be")
    with pytest.raises(StorageError) as caught:
        Database(db_path)
    assert "no backup could be made" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert digest(db_path) == before


def test_restore_replaces_with_chosen_backup_and_keeps_the_current_file(db_path, service, run_cli):
    service.create_goal("Old")
    first = create_backup(db_path, reason="manual", now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    service.create_goal("New")
    create_backup(db_path, reason="manual", now=datetime(2026, 1, 2, tzinfo=timezone.utc))
    service.create_goal("Newest")

    code, out, _ = run_cli("db", "restore", "--list")
    assert code == 0 and out.index("20260102") < out.index("20260101")
    code, out, _ = run_cli("db", "restore", first.path.name)
    assert code == 0 and first.path.name in out
    # The still-open service sees the restored data (restore goes through SQLite, not a file swap).
    assert [g.title for g in service.list_goals()] == ["Old"]
    kept = [b for b in list_backups(db_path) if b.reason == "before-restore"]
    assert len(kept) == 1
    assert sorted(g.title for g in GoalService(Database(kept[0].path, migrate=False)).list_goals()) == ["New", "Newest", "Old"]
    code, _, err = run_cli("db", "restore", "no-such-backup.sqlite3")
    assert code == 1 and "no backup named" in err


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db_path, service):
    service.create_goal("Current")
    backup = create_backup(db_path)
    backup.path.write_bytes(backup.path.read_bytes()[:3000])
    before = [g.title for g in service.list_goals()]
    with pytest.raises(StorageError) as caught:
        restore_backup(db_path, backup)
    assert "cannot be used" in str(caught.value)
    assert [g.title for g in service.list_goals()] == before


def test_db_cli_check_backup_path(db_path, run_cli):
    code, _, err = run_cli("db", "check")
    assert code == 1 and "no database" in err
    assert run_cli("goals", "create", "Checked")[0] == 0
    code, out, _ = run_cli("db", "path")
    assert out.strip() == str(db_path)
    code, out, _ = run_cli("db", "backup")
    assert code == 0 and "Backed up to" in out
    code, out, _ = run_cli("db", "check")
    assert code == 0 and f"integrity ok, schema {shipped_head()} (current), 1 goal;" in out

"""The schema's Alembic migrations: the scripts in versions/ (shipped as package data) and their revisions."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from goals_desktop.storage.errors import storage_error

MIGRATIONS_DIR = Path(__file__).parent
_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*=\s*['"]?([^'"\s]+)?['"]?\s*$""", re.M)


def known_revisions() -> tuple[set[str], str]:
    """(every revision, the head) read from the migration scripts' text.

    Importing Alembic costs ~150 ms; opening an up-to-date file (every start) must not pay it.
    A test checks this agrees with Alembic's own ScriptDirectory.
    """
    known, head = _revisions_in(MIGRATIONS_DIR)
    return set(known), head


@functools.lru_cache(maxsize=4)
def _revisions_in(folder: Path) -> tuple[frozenset[str], str]:
    # Read once per folder: every open of a database asks twice (the file's look and the schema's),
    # and the scripts are the running program's, which cannot change under it.
    revisions: dict[str, str | None] = {}
    for script in (folder / "versions").glob("*.py"):
        found = dict((name, value) for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions[found["revision"]] = found.get("down_revision") if found.get("down_revision") != "None" else None
    parents = {parent for parent in revisions.values() if parent}
    heads = [revision for revision in revisions if revision not in parents]
    if len(heads) != 1:
        raise storage_error("other", f"The app's migration scripts have {len(heads)} heads; reinstall Goals Desktop.")
    return frozenset(revisions), heads[0]



def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(connection) -> None:
    """Run the migrations the database on this (open, in-transaction) connection lacks."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")

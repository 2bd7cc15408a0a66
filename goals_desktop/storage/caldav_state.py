"""The CalDAV sync's own bookkeeping (tables caldav_items and caldav_state), read and written here.

The sync (goals_desktop.sync) records what it agreed with the server in the same transaction as
the change it records: a change coming back goes through GoalService with `save_item_in` as the
call's extra step (GoalService.along_with); an upload records its new ETag with `save_item`.
So a pass stopped at any point leaves rows that describe what is really on both sides.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa

from .db import Database
from .schema import caldav_items, caldav_state


@dataclass(frozen=True, slots=True)
class SyncedItem:
    uid: str
    kind: str  # "todo", "subtask" or "milestone"
    ref: tuple[str, ...]  # (todo_id,), (todo_id, subtask_id) or (goal_id, node_id)
    href: str | None = None
    etag: str | None = None
    base: Mapping[str, Any] | None = None  # the synced fields as the server held them at etag
    ical: str | None = None
    gone: bool = False

    def but(self, **changes: Any) -> SyncedItem:
        return replace(self, **changes)


@dataclass(slots=True)
class SyncState:
    meta: dict[str, str] = field(default_factory=dict)
    items: dict[str, SyncedItem] = field(default_factory=dict)


def _row(item: SyncedItem) -> dict[str, Any]:
    return {
        "uid": item.uid,
        "kind": item.kind,
        "ref": json.dumps(list(item.ref)),
        "href": item.href,
        "etag": item.etag,
        "base": None if item.base is None else json.dumps(dict(item.base), sort_keys=True),
        "ical": item.ical,
        "gone": item.gone,
    }


def _item(row: Mapping[str, Any]) -> SyncedItem:
    return SyncedItem(
        uid=row["uid"],
        kind=row["kind"],
        ref=tuple(json.loads(row["ref"])),
        href=row["href"],
        etag=row["etag"],
        base=None if row["base"] is None else json.loads(row["base"]),
        ical=row["ical"],
        gone=bool(row["gone"]),
    )


def save_item_in(conn: sa.Connection, item: SyncedItem) -> None:
    """Insert or replace the row, on a transaction the caller holds (a GoalService call's unit)."""
    values = _row(item)
    updated = conn.execute(caldav_items.update().where(caldav_items.c.uid == item.uid).values(values)).rowcount
    if not updated:
        conn.execute(caldav_items.insert().values(values))


def set_meta_in(conn: sa.Connection, values: Mapping[str, str | None]) -> None:
    for key, value in values.items():
        conn.execute(caldav_state.delete().where(caldav_state.c.key == key))
        if value is not None:
            conn.execute(caldav_state.insert().values(key=key, value=value))


class SyncStore:
    """The sync state of one database, each call one transaction."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def load(self) -> SyncState:
        with self.database.read() as conn:
            meta = {row.key: row.value for row in conn.execute(sa.select(caldav_state))}
            items = {row["uid"]: _item(row) for row in conn.execute(sa.select(caldav_items)).mappings()}
        return SyncState(meta, items)

    def meta(self) -> dict[str, str]:
        with self.database.read() as conn:
            return {row.key: row.value for row in conn.execute(sa.select(caldav_state))}

    def set_meta(self, **values: str | None) -> None:
        with self.database.write() as conn:
            set_meta_in(conn, values)

    def save_item(self, item: SyncedItem) -> None:
        with self.database.write() as conn:
            save_item_in(conn, item)

    def drop_item(self, uid: str) -> None:
        with self.database.write() as conn:
            conn.execute(caldav_items.delete().where(caldav_items.c.uid == uid))

    def forget_items(self, **meta: str | None) -> None:
        """Start over with another calendar: every item row and the sync token go, in one transaction."""
        with self.database.write() as conn:
            conn.execute(caldav_items.delete())
            set_meta_in(conn, {"sync_token": None, **meta})


def second_copy(database: Database) -> Database:
    """Another Database on the same data, for a pass run on a worker thread: connections stay in
    their thread, and its commits reach the window as another copy's (DatabaseWatcher)."""
    if database.is_file:
        return Database(database.path, check_integrity=False)
    return Database(database.dialect.url.render_as_string(hide_password=False), check_integrity=False)

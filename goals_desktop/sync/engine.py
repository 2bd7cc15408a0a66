"""One two-way sync pass between the database and a CalDAV calendar.

1. Ask the server what changed since the last pass's sync token (everything on the first pass)
   and fetch those bodies in one REPORT.
2. Read every todo, subtask and milestone with a date here.
3. For each item: merge (items.merge) what changed on either side since the common ancestor
   recorded in caldav_items; apply what comes back through GoalService, with the item's new row
   written in the same transaction (GoalService.along_with); upload the rest with If-Match on the
   ETag we last saw, and record the new ETag. A 412 means the phone changed it meanwhile: read it
   again and merge again (three times at most).
4. Save the new sync token, only after every item was handled (and every changed VTODO was read).

Cut anywhere (network, SIGKILL), the rows still describe both sides truthfully, so the next pass
finishes the work: a create is a PUT with If-None-Match to a URL made from the stable UID (never a
second copy); an upload whose new ETag was not recorded comes back as a server change equal to ours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.rules import local_today
from goals_desktop.storage.caldav_state import SyncedItem, SyncStore, save_item_in

from . import items as it
from .server import Precondition, Server, SyncError

MAX_TRIES = 3


@dataclass(slots=True)
class PassReport:
    uploaded: list[str] = field(default_factory=list)  # "created"/"updated"/"deleted" + title, to the server
    applied: list[str] = field(default_factory=list)  # what changed here
    stopped: list[str] = field(default_factory=list)  # deleted on the server: no longer synced
    skipped: list[str] = field(default_factory=list)  # VTODOs that could not be read or applied
    full: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "to_server": self.uploaded,
            "from_server": self.applied,
            "stopped_syncing": self.stopped,
            "skipped": self.skipped,
            "full_listing": self.full,
        }

    def summary(self) -> str:
        parts = [f"{len(self.uploaded)} to the server", f"{len(self.applied)} from the server"]
        if self.stopped:
            parts.append(f"{len(self.stopped)} no longer synced (deleted on the server)")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts)


class SyncPass:
    def __init__(self, service, server: Server, calendar_url: str, now: Callable[[], datetime] | None = None) -> None:
        self.service = service
        self.server = server
        self.store = SyncStore(service.db)
        self.calendar_url = calendar_url
        self.now = now or (lambda: datetime.now(timezone.utc).replace(microsecond=0))
        self.report = PassReport()

    # -- the pass -----------------------------------------------------------------------------------

    def run(self, today: date | None = None) -> PassReport:
        state = self.store.load()
        if state.meta.get("calendar_url") != self.calendar_url:
            self.store.forget_items(calendar_url=self.calendar_url)
            state = self.store.load()
        listing = self.server.changes(state.meta.get("sync_token"))
        self.report.full = listing.full
        synced = state.items
        by_href = {row.href: row for row in synced.values() if row.href}
        wanted = [h for h, etag in listing.etags.items() if h not in by_href or by_href[h].etag != etag or etag is None]
        remote: dict[str, tuple[str, dict[str, Any], str, str, str | None]] = {}  # uid -> (href, fields, at, body, etag)
        unreadable: set[str] = set()
        for href, body in self.server.bodies(wanted).items():
            try:
                uid, fields, at = it.parse(body)
            except LookupError:
                continue  # an event or a journal in the calendar: not ours to sync
            except it.MalformedTodo as problem:
                self.report.skipped.append(f"{href}: unreadable iCalendar ({problem})")
                unreadable.add(href)
                continue
            remote[uid] = (href, fields, at, body, listing.etags.get(href))
        gone_hrefs = set(listing.deleted)
        if listing.full:
            gone_hrefs |= {h for h in by_href if h not in listing.etags}

        local = self._local_items(today or local_today(), synced)

        for uid in list(dict.fromkeys([*synced, *local, *remote])):
            row = synced.get(uid)
            if row is not None and (row.gone or row.href in unreadable):
                continue  # no longer synced; or its VTODO cannot be read now (skipped, named above)
            item = local.get(uid)
            if row is not None and row.href in gone_hrefs and uid not in remote:
                self.store.save_item(row.but(gone=True))
                self.report.stopped.append(self._name(item, row))
                continue
            if row is None and item is None:
                self._adopt_new(uid, *remote[uid])
            elif item is None:
                self._delete_remote(row)
            else:
                self._sync_item(item, row, remote.get(uid))
        if self.report.applied:
            self._upload_what_followed(today or local_today(), unreadable)
        if not unreadable:
            # Kept back while a VTODO could not be read, so the next pass reads it again (fixed, it
            # comes back with the phone's change; still broken, it is skipped again).
            self.store.set_meta(sync_token=listing.token)
        return self.report

    def _upload_what_followed(self, today: date, unreadable: set[str]) -> None:
        """What the service's rules changed here while applying the server's changes (subtasks
        ticked with their todo, milestones through linked todos, progress moving planned dates)
        goes up in the same pass, so both sides end equal."""
        synced = self.store.load().items
        for uid, item in self._local_items(today, synced).items():
            row = synced.get(uid)
            if row is not None and row.href in unreadable:
                continue
            if row is None or (not row.gone and not it.same(item.kind, row.base, item.fields)):
                self._sync_item(item, row, None)

    def _local_items(self, today: date, synced: Mapping[str, SyncedItem]) -> dict[str, it.LocalItem]:
        goals = self.service.list_goals()
        roadmaps = self.service.roadmaps([g.id for g in goals])
        for goal in goals:
            goal.roadmap = roadmaps.get(goal.id)
        milestones = {row.ref: row.base or {} for row in synced.values() if row.kind == "milestone" and not row.gone}
        items = it.local_items(self.service.list_todos(), goals, today, milestones)
        # A todo that came from the phone keeps the phone's UID (its row says which).
        uid_of = {(row.kind, row.ref): row.uid for row in synced.values()}
        renamed = {uid: uid_of[(item.kind, item.ref)] for uid, item in items.items() if uid_of.get((item.kind, item.ref), uid) != uid}
        if not renamed:
            return items
        return {
            renamed.get(uid, uid): replace(item, uid=renamed.get(uid, uid), parent_uid=renamed.get(item.parent_uid, item.parent_uid))
            for uid, item in items.items()
        }

    # -- one item -----------------------------------------------------------------------------------

    def _sync_item(self, item: it.LocalItem, row: SyncedItem | None, remote: tuple | None) -> None:
        if row is None:
            row = SyncedItem(item.uid, item.kind, item.ref, href=self.server.href_for(item.uid))
            if remote is None:
                try:
                    self._upload(item, row, dict(item.fields), created=True)
                    return
                except Precondition:  # already there (an upload whose row was lost): merge with it
                    remote = self._read(row.href, item.uid)
                    if remote is None:
                        return
        for _ in range(MAX_TRIES):
            if remote is None:
                if it.same(item.kind, row.base, item.fields):
                    return
                merged = dict(item.fields)
            else:
                href, fields, at, body, etag = remote
                merged = it.merge(item.kind, row.base, item.fields, fields, item.changed_at, at)
                row = row.but(href=href, etag=etag, base=fields, ical=body)
                if not self._apply(item, merged, row):
                    return
                item = replace(item, fields=merged)
                if it.same(item.kind, fields, merged):
                    return
            try:
                self._upload(item, row, merged)
                return
            except Precondition:
                remote = self._read(row.href, item.uid)
                if remote is None:  # deleted on the server meanwhile
                    self.store.save_item(row.but(gone=True))
                    self.report.stopped.append(self._name(item, row))
                    return
        raise SyncError(
            f"{self._name(item, row)!r} kept changing on the CalDAV server while it was written "
            f"({MAX_TRIES} times 412 Precondition Failed); nothing more was changed, try again later."
        )

    def _read(self, href: str, uid: str) -> tuple | None:
        body, etag = self.server.get(href)
        if body is None:
            return None
        try:
            _, fields, at = it.parse(body)
        except (it.MalformedTodo, LookupError) as problem:
            self.report.skipped.append(f"{href}: unreadable iCalendar ({problem})")
            raise SyncError(f"the VTODO {uid} on the server cannot be read ({problem}); fix or delete it on the server.") from None
        return href, fields, at, body, etag

    def _upload(self, item: it.LocalItem, row: SyncedItem, fields: dict[str, Any], created: bool = False) -> None:
        body = it.write(item, fields, row.ical, self.now())
        etag = self.server.put(row.href, body, None if created else row.etag)
        self.store.save_item(row.but(etag=etag, base=fields, ical=body))
        self.report.uploaded.append(f"{'created' if created else 'updated'}: {fields['summary']}")

    def _apply(self, item: it.LocalItem, merged: Mapping[str, Any], row: SyncedItem) -> bool:
        """Bring the merged fields here (with row, in the same transaction); False if refused."""
        changed = {n: merged[n] for n in it.COMING_BACK[item.kind] if merged[n] != item.fields.get(n)}
        if not changed:
            self.store.save_item(row)
            return True
        service = self.service.along_with(lambda unit: save_item_in(unit.conn, row))
        try:
            _apply_fields(service, self.service, item, changed)
        except GoalsError as problem:
            self.report.skipped.append(f"{item.uid} ({item.fields['summary']}): {problem}")
            return False
        self.report.applied.append(f"{item.kind} {item.fields['summary']!r}: {_describe(changed)}")
        return True

    def _delete_remote(self, row: SyncedItem) -> None:
        """Deleted here: delete on the server (also over a phone edit made since: the item is gone here)."""
        etag = row.etag
        for _ in range(MAX_TRIES):
            try:
                self.server.delete(row.href, etag)
                break
            except Precondition:
                _, etag = self.server.get(row.href)
                if etag is None:
                    break
        else:
            raise SyncError(f"the VTODO {row.uid} kept changing on the CalDAV server while it was deleted (412); try again later.")
        self.store.drop_item(row.uid)
        self.report.uploaded.append(f"deleted: {(row.base or {}).get('summary', row.uid)}")

    def _adopt_new(self, uid: str, href: str, fields: dict[str, Any], at: str, body: str, etag: str | None) -> None:
        """A VTODO made on the phone: a new todo here, created with its row in one transaction.

        The row first records it open and unread (no ETag), so a pass cut before the check-off
        reads it again and ticks it then."""
        if uid.endswith("@goals-desktop"):
            # Made by a Goals Desktop (ours, deleted here before its row was recorded, or another
            # database's): never a new todo here.
            return
        created: dict[str, str] = {}

        def record(unit) -> None:
            todo_id = created.get("id") or unit.changes[-1].detail.todo_ids[0]
            created["id"] = todo_id
            done = created.get("done") == "yes"
            base = fields if done or not fields["completed"] else {**fields, "completed": False}
            save_item_in(unit.conn, SyncedItem(uid, "todo", (todo_id,), href, etag if base is fields else None, base, body))

        service = self.service.along_with(record)
        try:
            service.create_todo(fields["summary"], notes=fields["description"], due_date=fields["due"])
            if fields["completed"]:
                created["done"] = "yes"
                service.set_todo_completed(created["id"], True)
        except GoalsError as problem:
            self.report.skipped.append(f"{uid} ({fields['summary']!r}): {problem}")
            return
        self.report.applied.append(f"new todo {fields['summary']!r}")

    @staticmethod
    def _name(item: it.LocalItem | None, row: SyncedItem | None) -> str:
        if item is not None:
            return item.fields["summary"]
        return (row.base or {}).get("summary", row.uid) if row else "?"


def _describe(changed: Mapping[str, Any]) -> str:
    words = []
    for name, value in changed.items():
        if name == "completed":
            words.append("done" if value else "reopened")
        elif name == "summary":
            words.append(f"renamed to {value!r}")
        elif name == "due":
            words.append(f"due {value}" if value else "no due date")
        else:
            words.append("notes changed")
    return ", ".join(words)


def _apply_fields(service, plain, item: it.LocalItem, changed: Mapping[str, Any]) -> None:
    """Through the service's own rules (progress, linked todos and subtasks follow). The call that
    runs last carries the row (service is along_with it); a pass cut between two calls redoes the rest."""
    if item.kind == "milestone":
        goal_id, node_id = item.ref
        values = {}
        if "summary" in changed:
            values["label"] = changed["summary"]
        if "due" in changed:
            values["due_date"] = changed["due"]  # the phone's date becomes one the user set
        if "completed" in changed:
            values["completed"] = changed["completed"]
        service.update_node(goal_id, node_id, **values)
        return
    if item.kind == "subtask":
        todo_id, subtask_id = item.ref
        if "summary" in changed:
            (plain if "completed" in changed else service).rename_subtask(todo_id, subtask_id, changed["summary"])
        if "completed" in changed:
            service.set_subtask_completed(todo_id, subtask_id, changed["completed"])
        return
    (todo_id,) = item.ref
    edits = {}
    if "summary" in changed:
        edits["title"] = changed["summary"]
    if "description" in changed:
        edits["notes"] = changed["description"]
    if "due" in changed:
        edits["due_date"] = changed["due"]
    if edits:
        (plain if "completed" in changed else service).update_todo(todo_id, **edits)
    if "completed" in changed:
        service.set_todo_completed(todo_id, changed["completed"])



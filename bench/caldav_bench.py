"""What a CalDAV sync pass costs, against a real Radicale on loopback.

- First full sync of ITEMS todos (none on the server yet: every one a conditional PUT).
- Incremental pass with one change on each side (a todo renamed here, another ticked on the
  phone): sync-collection REPORT since the last token, one multiget, one change applied here
  through GoalService, one conditional PUT.
- Baseline measured in the same run: one bare sync-collection REPORT round trip (the token of the
  last pass, nothing changed) and one bare PROPFIND (Depth 0) on the calendar.

The incremental pass is reported as a ratio to the bare round trip: what the pass costs beyond
asking the server "anything new?". Median of ROUNDS runs for the incremental pass and baselines.

Run: python bench/caldav_bench.py [ITEMS] [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import timed  # noqa: E402

from goals_desktop.exchange.ics import todo_uid  # noqa: E402
from goals_desktop.storage import Database, GoalService  # noqa: E402
from goals_desktop.storage.caldav_state import SyncStore  # noqa: E402
from goals_desktop.sync.account import run_pass, setup  # noqa: E402
from tests.support.radicale_server import USERS, RadicaleServer  # noqa: E402

PASSWORD = USERS["alice"]
PROPFIND_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">'
    "<d:prop><d:getetag/><cs:getctag/><d:sync-token/></d:prop></d:propfind>"
)
BARE_TODO = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:bench\r\nBEGIN:VTODO\r\nUID:bench-{n}\r\n"
    "DTSTAMP:20260101T000000Z\r\nSUMMARY:bench\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


def main(items: int = 1000, rounds: int = 7) -> None:
    import caldav

    with tempfile.TemporaryDirectory() as tmp:
        server = RadicaleServer(Path(tmp) / "radicale").start()
        try:
            service = GoalService(Database(Path(tmp) / "goals.sqlite3"))
            todos = [service.create_todo(f"Todo {n}", due_date="2027-01-01") for n in range(items)]
            account, _ = setup(service, server.url, "alice", PASSWORD)

            first, first_s = timed(lambda: run_pass(service, PASSWORD))
            assert len(first.uploaded) == items, first.summary()

            phone = caldav.DAVClient(url=server.url, username="alice", password=PASSWORD)
            calendar = caldav.Calendar(client=phone, url=account.calendar_url)
            bare = caldav.DAVClient(url=server.url, username="alice", password=PASSWORD)
            bare_calendar = caldav.Calendar(client=bare, url=account.calendar_url)
            bare_calendar.get_display_name()  # the connection and its auth set up, as the pass's are

            incremental, reports, propfinds, puts = [], [], [], []
            for round_ in range(rounds):
                mine, theirs = todos[2 * round_], todos[2 * round_ + 1]
                service.update_todo(mine.id, title=f"Renamed here {round_}")
                obj = calendar.todo_by_uid(todo_uid(theirs.id))
                component = obj.icalendar_component
                component["status"] = "COMPLETED"
                component.pop("last-modified", None)
                component.add("last-modified", datetime.now(timezone.utc))
                obj.save()

                report, took = timed(lambda: run_pass(service, PASSWORD))
                incremental.append(took)
                assert len(report.uploaded) == 1 and len(report.applied) == 1, report.to_dict()

                # The pass's token predates its own uploads: catch up first, so nothing is new.
                token = SyncStore(service.db).meta()["sync_token"]
                token = bare_calendar.objects_by_sync_token(token, load_objects=False).sync_token
                listed, took = timed(lambda: bare_calendar.objects_by_sync_token(token, load_objects=False))
                reports.append(took)
                assert len(list(listed)) == 0
                answer, took = timed(lambda: bare.propfind(str(account.calendar_url), PROPFIND_BODY, depth=0))
                propfinds.append(took)
                assert answer.status == 207
                # One bare conditional PUT of a new VTODO into the full calendar, then its DELETE.
                href = f"{account.calendar_url}bench-{round_}.ics"
                answer, took = timed(lambda: bare.put(href, BARE_TODO.format(n=round_), {"If-None-Match": "*", "Content-Type": "text/calendar"}))
                puts.append(took)
                assert answer.status in (201, 204), answer.status
                bare.delete(href)

            inc, rep, prop, put = (statistics.median(x) for x in (incremental, reports, propfinds, puts))
            print(f"CalDAV sync against Radicale on loopback ({items} todos, median of {rounds} rounds)")
            print("| what | time | ratio |")
            print("| --- | --- | --- |")
            print(f"| first full sync, {items} todos (every one a PUT) | {_ms(first_s)} | {first_s / (items * put):.2f}x {items} bare PUTs |")
            print(f"| incremental pass, one change each side | {_ms(inc)} | {inc / rep:.1f}x REPORT, {inc / prop:.1f}x PROPFIND |")
            print(f"| baseline: bare sync-collection REPORT (nothing new) | {_ms(rep)} | 1x |")
            print(f"| baseline: bare PROPFIND depth 0 | {_ms(prop)} | {prop / rep:.2f}x REPORT |")
            print(f"| baseline: bare conditional PUT of one VTODO (calendar of {items}) | {_ms(put)} | {put / rep:.2f}x REPORT |")
            phone.close()
            bare.close()
            service.db.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

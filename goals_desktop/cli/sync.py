"""`goals-desktop sync caldav setup|run|status`: two-way sync with a CalDAV calendar (docs/sync.md)."""

from __future__ import annotations

import sys

from .common import fail, print_json


def register(subparsers) -> None:
    sync = subparsers.add_parser("sync", help="sync todos and milestones with a calendar server")
    kinds = sync.add_subparsers(dest="sync_kind", metavar="KIND", required=True)
    caldav = kinds.add_parser("caldav", help="two-way sync with a CalDAV calendar (phones, Nextcloud, Radicale ...)")
    actions = caldav.add_subparsers(dest="caldav_command", metavar="ACTION", required=True)

    setup = actions.add_parser("setup", help="store the account and create the calendar when missing")
    setup.add_argument("--url", required=True, help="the CalDAV server, e.g. https://dav.example.org/")
    setup.add_argument("--user", required=True)
    setup.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    setup.add_argument("--calendar", default=None, metavar="NAME", help='the calendar to sync with (default "Goals Desktop")')
    setup.set_defaults(handler=_setup)

    run = actions.add_parser("run", help="one sync pass; says what changed each way")
    run.add_argument("--password-stdin", action="store_true", help="read the password from standard input (no keyring)")
    run.add_argument("--json", action="store_true")
    run.set_defaults(handler=_run)

    status = actions.add_parser("status", help="the account and the last pass")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)


def _stdin_password(args) -> str | None:
    if not args.password_stdin:
        return None
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail("--password-stdin: standard input held no password")
    return password


def _setup(service, args) -> int:
    from goals_desktop.sync.account import PASSWORD_ENV, Account, password_for, setup
    from goals_desktop.sync.server import DEFAULT_CALENDAR

    password = password_for(Account(args.url, args.user), _stdin_password(args))
    account, in_keyring = setup(service, args.url, args.user, password, args.calendar or DEFAULT_CALENDAR)
    print(f"Syncing with the calendar {account.calendar!r} at {account.url} as {account.user}.")
    if in_keyring:
        print("The password is stored in the system keyring.")
    else:
        print(f"No system keyring here: the password was not stored; give it on each run ({PASSWORD_ENV} or --password-stdin).")
    print("Run a pass with: goals-desktop sync caldav run")
    return 0


def _run(service, args) -> int:
    from goals_desktop.sync.account import run_pass

    report = run_pass(service, _stdin_password(args))
    if args.json:
        print_json(report.to_dict())
        return 0
    print(f"Synced: {report.summary()}.")
    for line in report.uploaded:
        print(f"  -> {line}")
    for line in report.applied:
        print(f"  <- {line}")
    for line in report.stopped:
        print(f"  no longer synced (deleted on the server): {line}")
    for line in report.skipped:
        print(f"  skipped {line}")
    return 0


def _status(service, args) -> int:
    from goals_desktop.sync.account import status

    info = status(service)
    if args.json:
        print_json(info)
        return 0
    if not info["configured"]:
        print("CalDAV sync is not set up. Set it up with: goals-desktop sync caldav setup --url URL --user USER --password-stdin")
        return 0
    print(f"Calendar {info['calendar']!r} at {info['url']} as {info['user']}; password {info['password']}.")
    last = info["last_pass"]
    if last is None:
        print("No pass yet.")
    elif last.get("error"):
        print(f"Last pass {last['at']} failed: {last['error']}")
    else:
        print(f"Last pass {last['at']}: {last['summary']}.")
    return 0

"""`goals-desktop due`: what is due or overdue (todos, subtasks, milestones), with its goal."""

from __future__ import annotations

from .common import print_json


def register(subparsers) -> None:
    due = subparsers.add_parser("due", help="list open todos, subtasks and milestones due or overdue")
    due.add_argument("--days", type=int, default=0, metavar="N", help="also what is due in the next N days (default 0: today)")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=_due)


def _due(service, args) -> int:
    from goals_desktop.domain.rules import local_today
    from goals_desktop.sync.due import due_items

    items = due_items(service, local_today(), args.days)
    if args.json:
        print_json([item.to_dict() for item in items])
        return 0
    if not items:
        print("Nothing due." if args.days == 0 else f"Nothing due in the next {args.days} days.")
        return 0
    for item in items:
        when = "today" if item.days_left == 0 else (f"{-item.days_left}d overdue" if item.overdue else f"in {item.days_left}d")
        goal = f"  goal: {item.goal_title} ({item.goal_id})" if item.goal_id else ""
        planned = " (planned)" if item.planned else ""
        print(f"{item.due} {when:>12}  {item.kind:<9} {item.title}{planned}  [{item.id}]{goal}")
    return 0

"""`goals-desktop todos update ID`: the API's todo PATCH on the command line (title, notes, due date)."""

from __future__ import annotations

from .common import fail, print_json, print_todo


def register_update(actions) -> None:
    update = actions.add_parser("update", help="change a todo's title, notes or due date")
    update.add_argument("todo_id", metavar="ID")
    update.add_argument("--title")
    update.add_argument("--notes")
    due = update.add_mutually_exclusive_group()
    due.add_argument("--due", metavar="DATE", help="ISO 8601, e.g. 2026-12-31")
    due.add_argument("--no-due", action="store_true", help="clear the due date")
    update.add_argument("--json", action="store_true")
    update.set_defaults(handler=_todos_update)


def _todos_update(service, args) -> int:
    changes = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.notes is not None:
        changes["notes"] = args.notes
    if args.due is not None:
        changes["due_date"] = args.due
    elif args.no_due:
        changes["due_date"] = None
    if not changes:
        fail("nothing to change: give --title, --notes, --due or --no-due")
    todo = service.update_todo(args.todo_id, **changes)
    print_json(todo.to_dict()) if args.json else print_todo(todo)
    return 0

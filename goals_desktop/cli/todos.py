"""`goals-desktop todos ...`: list, create, check off and delete todos (`goals todo` is in the goals group)."""

from __future__ import annotations

from goals_desktop.domain.todos import subtask_reference

from .common import print_json, print_todo
from .todos_update import register_update


def register(subparsers) -> None:
    todos = subparsers.add_parser("todos", help="list, create, check off and delete todos")
    actions = todos.add_subparsers(dest="todo_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list todos with their subtasks")
    listing.add_argument("--goal", metavar="ID", help="only todos linked to this goal")
    state = listing.add_mutually_exclusive_group()
    state.add_argument("--open", dest="completed", action="store_const", const=False, help="only open todos")
    state.add_argument("--done", dest="completed", action="store_const", const=True, help="only done todos")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_todos_list)

    create = actions.add_parser("create", help="create a todo")
    create.add_argument("title")
    create.add_argument("--notes")
    create.add_argument("--due", metavar="DATE", help="ISO 8601, e.g. 2026-12-31")
    create.add_argument("--goal", metavar="ID", help="link it to this goal")
    create.add_argument("--node", metavar="NODE_ID", help="link it to this milestone of --goal")
    create.add_argument("--subtask", metavar="TITLE", action="append", dest="subtasks", help="add a subtask (repeatable)")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=_todos_create)

    for name, completed, text in (("done", True, "check off"), ("undone", False, "reopen")):
        command = actions.add_parser(name, help=f"{text} a todo or one of its subtasks (linked milestones follow)")
        command.add_argument("todo_id", metavar="ID")
        command.add_argument("--subtask", metavar="N", help="subtask number (1 = first) or subtask id")
        command.add_argument("--json", action="store_true")
        command.set_defaults(handler=_todos_set_completed, completed=completed)

    register_update(actions)

    delete = actions.add_parser("delete", help="delete a todo and its subtasks")
    delete.add_argument("todo_id", metavar="ID")
    delete.set_defaults(handler=_todos_delete)


def _todos_list(service, args) -> int:
    todos = service.list_todos(goal_id=args.goal, completed=args.completed)
    if args.json:
        print_json([t.to_dict() for t in todos])
    elif not todos:
        print('No todos. Create one with: goals-desktop todos create "My todo"')
    else:
        for todo in todos:
            print_todo(todo)
    return 0


def _todos_create(service, args) -> int:
    todo = service.create_todo(
        args.title, notes=args.notes, due_date=args.due, goal_id=args.goal, node_id=args.node, subtasks=args.subtasks
    )
    print_json(todo.to_dict()) if args.json else print(f"Created {todo.id}: {todo.title}")
    return 0


def _todos_set_completed(service, args) -> int:
    if args.subtask is None:
        todo = service.set_todo_completed(args.todo_id, args.completed)
    else:
        todo = service.set_subtask_completed(args.todo_id, subtask_reference(args.subtask), args.completed)
    if args.json:
        print_json(todo.to_dict())
        return 0
    print_todo(todo)
    if todo.goal_id:
        goal = service.get_goal(todo.goal_id)
        print(f"Goal {goal.id}: progress {goal.progress}% ({goal.status})")
    return 0


def _todos_delete(service, args) -> int:
    service.delete_todo(args.todo_id)
    print(f"Deleted {args.todo_id}")
    return 0

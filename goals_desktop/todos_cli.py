"""`goals-desktop todos ...` and `goals-desktop goals todo ...`: todos on the command line.

Registered with cli.register_command_group; cli.py imports this module on start.
"""

from __future__ import annotations

import argparse

from goals_desktop.cli import CliError, days_left_text, print_json, register_command_group
from goals_desktop.domain.todos import LostLink, Todo


def _subparsers_of(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


@register_command_group
def add_todo_commands(commands: argparse._SubParsersAction) -> None:
    parser_class = type(commands.choices["goals"])
    todos = commands.add_parser("todos", help="list, create, check off and delete todos")
    actions = todos.add_subparsers(dest="todo_command", metavar="ACTION", required=True, parser_class=parser_class)

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

    delete = actions.add_parser("delete", help="delete a todo and its subtasks")
    delete.add_argument("todo_id", metavar="ID")
    delete.set_defaults(handler=_todos_delete)

    goal_actions = _subparsers_of(commands.choices["goals"])
    convert = goal_actions.add_parser(
        "todo", help="send a goal's roadmap to one todo, or (--node) make a todo from one milestone"
    )
    convert.add_argument("goal_id", metavar="GOAL_ID")
    convert.add_argument("--node", metavar="NODE_ID", help="make a todo from this milestone and its steps")
    convert.add_argument("--json", action="store_true")
    convert.set_defaults(handler=_goals_todo)

    # Deleting a goal keeps its todos (unlinked) unless asked to delete them too.
    goal_delete = goal_actions.choices["delete"]
    goal_delete.add_argument("--delete-todos", action="store_true", help="also delete the goal's todos")
    goal_delete.set_defaults(handler=_goals_delete)


# -- output -------------------------------------------------------------------------------------


def _mark(done: bool) -> str:
    return "[x]" if done else "[ ]"


def print_todo(todo: Todo) -> None:
    extra = []
    if todo.due_date:
        extra.append(f"due {todo.due_date[:10]} ({days_left_text(todo.due_date)})")
    if todo.goal_id:
        extra.append(f"goal: {todo.goal_title} ({todo.goal_id})")
    if todo.node_id:
        extra.append(f"milestone: {todo.node_label} ({todo.node_id})")
    tail = "  " + "  ".join(extra) if extra else ""
    print(f"{_mark(todo.completed)} {todo.id}  {todo.title}{tail}")
    for number, subtask in enumerate(todo.subtasks, start=1):
        link = f"  (milestone {subtask.node_id})" if subtask.node_id else ""
        print(f"      {number:2d}. {_mark(subtask.completed)} {subtask.title}{link}")
    if todo.notes.strip():
        print(f"      {todo.notes.strip().splitlines()[0]}")


def print_unlinked(unlinked: list[LostLink]) -> None:
    for link in unlinked:
        print(f"Kept, unlinked: {link.describe()}")


# -- handlers -----------------------------------------------------------------------------------


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
    if args.node and not args.goal:
        raise CliError("--node needs --goal (the milestone's goal)")
    todo = service.create_todo(
        args.title, notes=args.notes, due_date=args.due, goal_id=args.goal, node_id=args.node, subtasks=args.subtasks
    )
    print_json(todo.to_dict()) if args.json else print(f"Created {todo.id}: {todo.title}")
    return 0


def _subtask_key(text: str) -> int | str:
    """1-based number as the user sees it in `todos list`, or a subtask id."""
    if text.strip().isdigit():
        number = int(text)
        if number < 1:
            raise CliError("subtask numbers start at 1")
        return number - 1
    return text.strip()


def _todos_set_completed(service, args) -> int:
    if args.subtask is None:
        todo = service.set_todo_completed(args.todo_id, args.completed)
    else:
        todo = service.set_subtask_completed(args.todo_id, _subtask_key(args.subtask), args.completed)
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


def _goals_todo(service, args) -> int:
    todo = service.todo_from_node(args.goal_id, args.node) if args.node else service.todos_from_roadmap(args.goal_id)
    if args.json:
        print_json(todo.to_dict())
    else:
        print_todo(todo)
    return 0


def _goals_delete(service, args) -> int:
    kept = service.list_todos(goal_id=args.goal_id) if not args.delete_todos else []
    service.delete_goal(args.goal_id, delete_todos=args.delete_todos)
    print(f"Deleted {args.goal_id}")
    if kept:
        print(f"Kept {len(kept)} todo{'s' if len(kept) != 1 else ''}, now unlinked (use --delete-todos to delete them).")
    return 0

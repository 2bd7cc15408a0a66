"""`goals-desktop goals ...`: create, list, show, update, delete, check off, export and import goals;
`goals todo` sends a roadmap (or one milestone) to todos."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from goals_desktop.domain import schedule as plan
from goals_desktop.domain.models import Goal
from goals_desktop.domain.statuses import STATUSES
from goals_desktop.domain.rules import days_left_text, local_today
from goals_desktop.exchange import export_bytes, planned_due_dates, read_import
from goals_desktop.exchange.formats import EXPORT_FORMATS, format_for_path
from goals_desktop.storage.unit import UNSET

from .common import fail, print_json, print_todo, read_file_bytes


def register(subparsers) -> None:
    goals = subparsers.add_parser("goals", help="create, list, show, update and delete goals")
    actions = goals.add_subparsers(dest="goal_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="create a goal")
    create.add_argument("title")
    create.add_argument("--description")
    create.add_argument("--target-date", metavar="DATE", help="ISO 8601, e.g. 2026-12-31")
    create.add_argument("--json", action="store_true", help="print the seed's JSON")
    create.set_defaults(handler=_goals_create)

    listing = actions.add_parser("list", help="list goals")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--search", metavar="TEXT")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_goals_list)

    show = actions.add_parser("show", help="show one goal with its roadmap")
    show.add_argument("goal_id", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_goals_show)

    update = actions.add_parser("update", help="change a goal's title, description, target date or status")
    update.add_argument("goal_id", metavar="ID")
    update.add_argument("--title")
    update.add_argument("--description", help="new description ('' clears it)")
    update.add_argument("--target-date", metavar="DATE", help="new target date ('' clears it)")
    update.add_argument("--status", choices=STATUSES)
    update.add_argument("--json", action="store_true")
    update.set_defaults(handler=_goals_update)

    delete = actions.add_parser("delete", help="delete a goal and its roadmap")
    delete.add_argument("goal_id", metavar="ID")
    # Deleting a goal keeps its todos (unlinked) unless asked to delete them too.
    delete.add_argument("--delete-todos", action="store_true", help="also delete the goal's todos")
    delete.set_defaults(handler=_goals_delete)

    node = actions.add_parser("node", help="check off (or reopen) a roadmap milestone")
    node.add_argument("goal_id", metavar="GOAL_ID")
    node.add_argument("node_id", metavar="NODE_ID")
    state = node.add_mutually_exclusive_group(required=True)
    state.add_argument("--complete", dest="completed", action="store_true")
    state.add_argument("--incomplete", dest="completed", action="store_false")
    node.add_argument("--json", action="store_true")
    node.set_defaults(handler=_goals_node)

    export = actions.add_parser(
        "export", help="write goals as JSON (with todos), or one goal as an image, document, calendar or outline"
    )
    export.add_argument("goal_ids", metavar="ID", nargs="*")
    export.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    add_export_format_options(export)
    export.set_defaults(handler=_goals_export)

    importing = actions.add_parser(
        "import", help="add goals from our JSON, the Goals API's JSON, a roadmap.sh roadmap or a JSON Canvas"
    )
    importing.add_argument(
        "file", metavar="FILE", help="the file (its format is found from its content), or - for standard input"
    )
    importing.add_argument("--json", action="store_true")
    importing.set_defaults(handler=_goals_import)

    convert = actions.add_parser(
        "todo", help="send a goal's roadmap to one todo, or (--node) make a todo from one milestone"
    )
    convert.add_argument("goal_id", metavar="GOAL_ID")
    convert.add_argument("--node", metavar="NODE_ID", help="make a todo from this milestone and its steps")
    convert.add_argument("--json", action="store_true")
    convert.set_defaults(handler=_goals_todo)


# -- output -------------------------------------------------------------------------------------


def _goal_line(goal: Goal, signal=None) -> str:
    due = f"  target {goal.target_date[:10]} ({days_left_text(goal.target_date)})" if goal.target_date else ""
    plan = f"  [{signal.full_text()}]" if signal is not None else ""
    return f"{goal.id}  {goal.progress:3d}%  {goal.status:<9}  {goal.title}{due}{plan}"


def _print_goal(goal: Goal) -> None:
    schedule = plan.schedule_or_none(goal, local_today())
    print(f"{goal.title}  [{goal.id}]")
    print(f"  status {goal.status}, progress {goal.progress}%")
    if goal.target_date:
        print(f"  target {goal.target_date} ({days_left_text(goal.target_date)})")
    if goal.description:
        print(f"  {goal.description}")
    if goal.roadmap is None:
        print("  no roadmap yet")
        return
    print(f"  roadmap: {len(goal.roadmap.nodes)} milestones, {len(goal.roadmap.edges)} links")
    depends: dict[str, list[str]] = {}
    labels = {n.id: n.label for n in goal.roadmap.nodes}
    if schedule is not None:
        print(f"  schedule: {plan.goal_signal(goal, schedule.today, schedule).full_text()}")
        print(f"  critical path: {' → '.join(labels[i] for i in schedule.critical_path) or 'none (all done)'}")
    for edge in goal.roadmap.edges:
        depends.setdefault(edge.target, []).append(labels[edge.source])
    for node in goal.roadmap.nodes:
        mark = "x" if node.completed else " "
        extra = f"  ({node.estimated_time})" if node.estimated_time else ""
        after = f"  after: {', '.join(depends[node.id])}" if node.id in depends else ""
        when = f"  [{plan.plan_text(schedule.milestones[node.id])}]" if schedule is not None and not node.completed else ""
        print(f"  [{mark}] {node.id}  {node.label}{extra}{when}{after}")


# -- handlers -----------------------------------------------------------------------------------


def _goals_create(service, args) -> int:
    goal = service.create_goal(args.title, args.description, args.target_date)
    print_json(goal.to_dict()) if args.json else print(f"Created {goal.id}: {goal.title}")
    return 0


def _goals_list(service, args) -> int:
    goals = service.list_goals(status=args.status, search=args.search)
    roadmaps, today = service.roadmaps([g.id for g in goals]), local_today()
    schedules = plan.schedules([replace(g, roadmap=roadmaps.get(g.id)) for g in goals], today)
    if args.json:
        print_json([plan.summary_dict_with_schedule(g, schedules[g.id]) for g in goals])
    elif not goals:
        print("No goals yet. Create one with: goals-desktop goals create \"My goal\"")
    else:
        for goal in goals:
            print(_goal_line(goal, plan.goal_signal(goal, today, schedules[goal.id])))
    return 0


def _goals_show(service, args) -> int:
    goal = service.get_goal(args.goal_id)
    print_json(plan.goal_dict_with_schedule(goal, local_today())) if args.json else _print_goal(goal)
    return 0


def _goals_update(service, args) -> int:
    changes = {
        name: value
        for name, value in (
            ("title", args.title),
            ("description", args.description),
            ("target_date", args.target_date),
            ("status", args.status),
        )
        if value is not None
    }
    if not changes:
        fail("nothing to update; give --title, --description, --target-date or --status")
    goal = service.update_goal(args.goal_id, **{k: changes.get(k, UNSET) for k in ("title", "description", "target_date", "status")})
    print_json(goal.to_dict()) if args.json else print(f"Updated {goal.id}: {goal.title}")
    return 0


def _goals_delete(service, args) -> int:
    kept = service.list_todos(goal_id=args.goal_id) if not args.delete_todos else []
    service.delete_goal(args.goal_id, delete_todos=args.delete_todos)
    print(f"Deleted {args.goal_id}")
    if kept:
        print(f"Kept {len(kept)} todo{'s' if len(kept) != 1 else ''}, now unlinked (use --delete-todos to delete them).")
    return 0


def _goals_node(service, args) -> int:
    goal = service.update_node(args.goal_id, args.node_id, completed=args.completed)
    if args.json:
        print_json({"id": goal.id, "progress": goal.progress, "status": goal.status, "roadmap": goal.roadmap.to_dict()})
    else:
        print(f"Progress {goal.progress}% ({goal.status})")
    return 0


def _goals_export(service, args) -> int:
    format_name = export_format(args)
    if format_name != "json":
        return export_one_goal(service, args, format_name)
    data = service.export_goals(args.goal_ids or None, include_todos=True)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            fail(f"cannot write {args.output}: {error.strerror or error}")
        print(f"Exported {len(data)} goal{'s' if len(data) != 1 else ''} to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _goals_import(service, args) -> int:
    name = "standard input" if args.file == "-" else args.file
    found = read_import(read_file_bytes(args.file), name)
    goals = service.import_goals(found.goals)
    if args.json:
        print_json([g.to_dict() for g in goals])
    else:
        source = f" from a {found.label}" if found.format in ("roadmap.sh", "canvas") else ""
        for goal in goals:
            print(f"Imported {goal.id}: {goal.title} ({goal.progress}%){source}")
    return 0


def _goals_todo(service, args) -> int:
    todo = service.todo_from_node(args.goal_id, args.node) if args.node else service.todos_from_roadmap(args.goal_id)
    if args.json:
        print_json(todo.to_dict())
    else:
        print_todo(todo)
    return 0


# -- exchange formats (goals export --format ...) ----------------------------------------------------


def add_export_format_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=list(EXPORT_FORMATS),
        help="json (default; or taken from --output's extension), png, svg, pdf, md, mermaid, "
        "canvas (JSON Canvas), ics (calendar), opml",
    )
    parser.add_argument("--scale", type=int, choices=[1, 2], default=1, help="png: 1 (as on screen) or 2 (twice as sharp)")
    parser.add_argument("--transparent", action="store_true", help="png, svg: no white background")


def export_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    return (format_for_path(args.output) if args.output else None) or "json"


def export_one_goal(service, args: argparse.Namespace, format_name: str) -> int:
    """One goal in a text format (md, mermaid, canvas, ics, opml) or as an image (png, svg, pdf)."""
    spec = EXPORT_FORMATS[format_name]
    if len(args.goal_ids) != 1:
        fail(f"--format {format_name} exports one goal; give exactly one ID")
    goal = service.get_goal(args.goal_ids[0])
    if spec.image:
        if not args.output:
            fail(f"--format {format_name} writes a file; give --output FILE")
        # Lazy (see cli/__init__): images need Qt's real scene; no other command loads Qt.
        from goals_desktop.ui.export_image import prepare_qt, render_image

        prepare_qt()
        data = render_image(goal, format_name, scale=args.scale, transparent=args.transparent)
    else:
        data = export_bytes(goal, format_name, planned_due_dates(goal, local_today()))
    if not args.output:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        fail(f"cannot write {args.output}: {error.strerror or error}")
    size = ""
    if format_name == "png":
        from goals_desktop.ui.export_image import png_size  # lazy: Qt, as above

        size = " ({:,} × {:,} px)".format(*png_size(data))
    print(f"Exported {goal.id} as {spec.label}{size} to {args.output}")
    return 0

"""`goals-desktop roadmap generate|expand`: let an AI model draw (or redraw) a goal's roadmap, or break
one milestone down."""

from __future__ import annotations

import asyncio
import json
import sys

from goals_desktop.ai import generate as gen
from goals_desktop.ai.breakdown import breakdown_and_save
from goals_desktop.ai.settings import load_settings

from .common import fail

_CONTEXT_HELP = "about you, for the model: what you already know, hours per week"


def register(subparsers) -> None:
    roadmap = subparsers.add_parser("roadmap", help="let an AI model draw a goal's roadmap")
    actions = roadmap.add_subparsers(dest="roadmap_command", metavar="ACTION", required=True)
    generate = actions.add_parser("generate", help="generate (or regenerate) a goal's roadmap, keeping checked milestones")
    generate.add_argument("goal_id", metavar="GOAL_ID")
    generate.add_argument("--json", action="store_true", help="print one JSON frame per line")
    generate.add_argument("--keep-partial", action="store_true", help="save a roadmap even if the answer was cut short")
    generate.add_argument("--context", metavar="TEXT", help=_CONTEXT_HELP)
    generate.set_defaults(handler=_roadmap_generate)
    expand = actions.add_parser("expand", help="break one milestone down into 3-8 sub-milestones that lead to it")
    expand.add_argument("goal_id", metavar="GOAL_ID")
    expand.add_argument("node_id", metavar="NODE_ID")
    expand.add_argument("--json", action="store_true", help="print one JSON frame per line")
    expand.add_argument("--keep-partial", action="store_true", help="save the sub-milestones even if the answer was cut short")
    expand.add_argument("--context", metavar="TEXT", help=_CONTEXT_HELP)
    expand.set_defaults(handler=_roadmap_expand)


def _roadmap_generate(service, args) -> int:
    service.get_goal(args.goal_id)  # unknown id: one clean line before any network work
    settings = load_settings()
    unlinked = []

    def show(event) -> None:
        if isinstance(event, gen.Success):
            unlinked.extend(event.unlinked)
        print_event(event)

    print_event = _event_printer(args)
    saved = asyncio.run(
        gen.generate_and_save(service, args.goal_id, settings, show, keep_partial=args.keep_partial, context=args.context)
    )
    if saved is None:
        return 1
    if not args.json:
        print(f"{len(saved.roadmap.nodes)} milestones, progress {saved.progress}%.")
        for lost in unlinked:
            print(f"Note: {lost.describe()}; it was kept, unlinked.")
    return 0


def _roadmap_expand(service, args) -> int:
    goal = service.get_goal(args.goal_id)  # unknown ids: one clean line before any network work
    node = goal.roadmap.node(args.node_id) if goal.roadmap is not None else None
    if node is None:
        fail(f"goal {args.goal_id} has no milestone {args.node_id!r}")
    before = len(goal.roadmap.nodes)
    saved = asyncio.run(
        breakdown_and_save(
            service, args.goal_id, args.node_id, load_settings(), _event_printer(args),
            keep_partial=args.keep_partial, context=args.context,
        )
    )
    if saved is None:
        return 1
    if not args.json:
        print(f"“{node.label}” now has {len(saved.roadmap.nodes) - before} sub-milestones before it; progress {saved.progress}%.")
    return 0


def _event_printer(args):
    """Prints each generation event: one Goals-API frame per line with --json, else a line for a person."""
    def show(event) -> None:
        if args.json:
            print(json.dumps(event.to_frame(), ensure_ascii=False), flush=True)
        elif isinstance(event, gen.Error):
            print(f"goals-desktop: error: {event.message}", file=sys.stderr, flush=True)
        elif isinstance(event, gen.NodeAdded):
            print(f"  + {event.node.label}", flush=True)
        elif isinstance(event, gen.RoadmapReady):
            if event.partial:
                print(f"Cut short: {event.reason}", flush=True)
        elif isinstance(event, gen.Success):
            print(f"Saved the roadmap of goal {event.goal_id}.", flush=True)
        elif isinstance(event, gen.Status) and not event.text.startswith("Generating"):
            print(event.text, flush=True)

    return show

"""`goals-desktop roadmap generate`: let an AI model draw (or redraw) a goal's roadmap."""

from __future__ import annotations

import json
import sys


def register(subparsers) -> None:
    roadmap = subparsers.add_parser("roadmap", help="let an AI model draw a goal's roadmap")
    actions = roadmap.add_subparsers(dest="roadmap_command", metavar="ACTION", required=True)
    generate = actions.add_parser("generate", help="generate (or regenerate) a goal's roadmap, keeping checked milestones")
    generate.add_argument("goal_id", metavar="GOAL_ID")
    generate.add_argument("--json", action="store_true", help="print one JSON frame per line")
    generate.add_argument("--keep-partial", action="store_true", help="save a roadmap even if the answer was cut short")
    generate.set_defaults(handler=_roadmap_generate)


def _roadmap_generate(service, args) -> int:
    import asyncio

    from goals_desktop.ai import generate as gen
    from goals_desktop.ai.settings import load_settings

    service.get_goal(args.goal_id)  # unknown id: one clean line before any network work
    settings = load_settings()
    failed = []
    unlinked = []

    def show(event) -> None:
        if isinstance(event, gen.Error):
            failed.append(event)
        if isinstance(event, gen.Success):
            unlinked.extend(event.unlinked)
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

    saved = asyncio.run(gen.generate_and_save(service, args.goal_id, settings, show, keep_partial=args.keep_partial))
    if saved is None:
        return 1
    if not args.json:
        print(f"{len(saved.roadmap.nodes)} milestones, progress {saved.progress}%.")
        for lost in unlinked:
            print(f"Note: a todo lost its link to a replaced milestone ({lost}).")
    return 0

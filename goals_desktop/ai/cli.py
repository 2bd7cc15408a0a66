"""`goals-desktop roadmap generate` and `goals-desktop ai configure|models|test`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from goals_desktop.cli import CliError, register_command_group


@register_command_group
def add_ai_commands(commands: argparse._SubParsersAction) -> None:
    parser_class = type(commands.choices["goals"])
    roadmap = commands.add_parser("roadmap", help="let an AI model draw a goal's roadmap")
    actions = roadmap.add_subparsers(dest="roadmap_command", metavar="ACTION", required=True, parser_class=parser_class)
    generate = actions.add_parser("generate", help="generate (or regenerate) a goal's roadmap, keeping checked milestones")
    generate.add_argument("goal_id", metavar="GOAL_ID")
    generate.add_argument("--json", action="store_true", help="print one JSON frame per line")
    generate.add_argument("--keep-partial", action="store_true", help="save a roadmap even if the answer was cut short")
    generate.add_argument("--context", metavar="TEXT", help="about you, for the model: what you already know, hours per week")
    generate.set_defaults(handler=_roadmap_generate)
    expand = actions.add_parser("expand", help="break one milestone down into 3-8 sub-milestones that lead to it")
    expand.add_argument("goal_id", metavar="GOAL_ID")
    expand.add_argument("node_id", metavar="NODE_ID")
    expand.add_argument("--json", action="store_true", help="print one JSON frame per line")
    expand.add_argument("--keep-partial", action="store_true", help="save the sub-milestones even if the answer was cut short")
    expand.add_argument("--context", metavar="TEXT", help="about you, for the model: what you already know, hours per week")
    expand.set_defaults(handler=_roadmap_expand)

    ai = commands.add_parser("ai", help="configure the AI provider (OpenAI, Ollama, LM Studio, llama.cpp, vLLM, ...)")
    ai_actions = ai.add_subparsers(dest="ai_command", metavar="ACTION", required=True, parser_class=parser_class)
    from goals_desktop.ai.settings import PRESETS

    configure = ai_actions.add_parser("configure", help="set provider, base URL, model and API key")
    configure.add_argument("--preset", choices=sorted(PRESETS))
    configure.add_argument("--base-url")
    configure.add_argument("--model")
    configure.add_argument("--api-key-stdin", action="store_true", help="read the API key from stdin (kept in the keyring)")
    configure.set_defaults(handler=_ai_configure, needs_service=False)
    models = ai_actions.add_parser("models", help="list the server's models")
    models.set_defaults(handler=_ai_models, needs_service=False)
    test = ai_actions.add_parser("test", help="test the connection to the provider")
    test.set_defaults(handler=_ai_test, needs_service=False)


def _roadmap_generate(service, args) -> int:
    from goals_desktop.ai import generate as gen
    from goals_desktop.ai.settings import load_settings

    service.get_goal(args.goal_id)  # unknown id: one clean line before any network work
    settings = load_settings()
    show = _event_printer(args)
    saved = asyncio.run(
        gen.generate_and_save(service, args.goal_id, settings, show, keep_partial=args.keep_partial, context=args.context)
    )
    if saved is None:
        return 1
    if not args.json:
        print(f"{len(saved.roadmap.nodes)} milestones, progress {saved.progress}%.")
        for lost in getattr(service, "last_unlinked", []) or []:
            print(f"Note: a todo lost its link to a replaced milestone ({lost}).")
    return 0


def _roadmap_expand(service, args) -> int:
    from goals_desktop.ai.breakdown import breakdown_and_save
    from goals_desktop.ai.settings import load_settings

    goal = service.get_goal(args.goal_id)  # unknown ids: one clean line before any network work
    node = goal.roadmap.node(args.node_id) if goal.roadmap is not None else None
    if node is None:
        raise CliError(f"goal {args.goal_id} has no milestone {args.node_id!r}")
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
    from goals_desktop.ai import generate as gen

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


def _ai_configure(service, args) -> int:
    from dataclasses import replace

    from goals_desktop.ai.settings import PRESETS, load_settings, save_settings, store_api_key

    settings = load_settings(apply_env=False)
    if args.preset:
        settings = replace(settings, preset=args.preset, base_url=PRESETS[args.preset][1] or settings.base_url)
    if args.base_url:
        settings = replace(settings, base_url=args.base_url.strip(), preset=args.preset or "custom")
    if args.model:
        settings = replace(settings, model=args.model.strip())
    path = save_settings(settings)
    print(f"Provider: {settings.preset or 'none'}, base URL: {settings.base_url or '(none)'}, model: {settings.model or '(none)'}.")
    print(f"Saved to {path}.")
    if args.api_key_stdin:
        key = sys.stdin.readline().strip()
        print(store_api_key(key))
    return 0


def _ai_models(service, args) -> int:
    from goals_desktop.ai.settings import list_models, load_settings

    for name in asyncio.run(list_models(load_settings())):
        print(name)
    return 0


def _ai_test(service, args) -> int:
    from goals_desktop.ai.settings import load_settings, test_connection

    ok, message = asyncio.run(test_connection(load_settings()))
    if not ok:
        raise CliError(message)
    print(message)
    return 0

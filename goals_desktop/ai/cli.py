"""`goals-desktop roadmap generate` and `goals-desktop ai ...`: the AI face of the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from goals_desktop.cli import CliError, register_command_group

from . import generate as gen
from . import settings as provider_settings


@register_command_group
def add_ai_commands(commands: argparse._SubParsersAction) -> None:
    roadmap = commands.add_parser("roadmap", help="generate a goal's roadmap with an AI model")
    actions = roadmap.add_subparsers(dest="roadmap_command", metavar="ACTION", required=True, parser_class=type(roadmap))
    generate = actions.add_parser("generate", help="stream a roadmap from the configured model and save it")
    generate.add_argument("goal_id", metavar="GOAL_ID")
    generate.add_argument("--json", action="store_true", help="one seed-style JSON frame per line")
    generate.add_argument("--keep-partial", action="store_true", help="save milestones received before a cut-off")
    generate.set_defaults(handler=_generate)

    ai = commands.add_parser("ai", help="configure the AI provider (OpenAI, Ollama, LM Studio, llama.cpp, vLLM)")
    ai_actions = ai.add_subparsers(dest="ai_command", metavar="ACTION", required=True, parser_class=type(ai))
    configure = ai_actions.add_parser("configure", help="save provider, base URL and model")
    configure.add_argument("--preset", choices=list(provider_settings.PRESETS))
    configure.add_argument("--base-url")
    configure.add_argument("--model")
    configure.add_argument("--api-key", help="stored in the system keyring (or for this run only)")
    configure.set_defaults(handler=_configure)
    models = ai_actions.add_parser("models", help="list the models the server offers")
    models.set_defaults(handler=_models)
    show = ai_actions.add_parser("show", help="show the provider in use (never the key)")
    show.set_defaults(handler=_show)


def _generate(service, args) -> int:
    failed: list[str] = []

    def on_event(event: gen.Event) -> None:
        if isinstance(event, gen.Error):
            failed.append(event.message)
        if args.json:
            print(json.dumps(event.to_frame(), ensure_ascii=False), flush=True)
        elif isinstance(event, gen.Error):
            print(f"goals-desktop: error: {event.message}", file=sys.stderr, flush=True)
        elif isinstance(event, gen.Status):
            print(event.text, flush=True)
        elif isinstance(event, gen.NodeAdded):
            print(f"  + {event.node.label}", flush=True)
        elif isinstance(event, gen.RoadmapReady) and event.partial:
            print(f"Cut short: {event.reason}.", flush=True)
        elif isinstance(event, gen.Success):
            print("Roadmap saved.", flush=True)

    service.get_goal(args.goal_id)  # an unknown id is an error before any network traffic
    saved = asyncio.run(gen.generate_and_save(service, args.goal_id, on_event, keep_partial=args.keep_partial))
    if saved is None:
        return 1
    if not args.json:
        print(f"{len(saved.roadmap.nodes)} milestones, progress {saved.progress}%.")
    return 0


def _configure(service, args) -> int:
    current = provider_settings.load_settings()
    if args.preset:
        base, model = provider_settings.PRESETS[args.preset]
        current.preset = args.preset
        current.base_url = base or current.base_url
        current.model = model or current.model
    if args.base_url is not None:
        current.base_url = args.base_url.strip().rstrip("/")
    if args.model is not None:
        current.model = args.model.strip()
    if not current.base_url:
        raise CliError("give --preset or --base-url")
    provider_settings.save_settings(current)
    print(f"Provider: {current.base_url}, model {current.model or '(none yet)'}")
    if args.api_key is not None:
        print(provider_settings.store_api_key(current.base_url, args.api_key))
    return 0


def _models(service, args) -> int:
    names = asyncio.run(list_models())
    print("\n".join(names) if names else "The server lists no models.")
    return 0


async def list_models(provider_base: provider_settings.Provider | None = None) -> list[str]:
    import os

    settings = provider_settings.load_settings()
    base_url = os.environ.get("OPENAI_BASE_URL", "").strip() or settings.base_url
    if provider_base is None:
        if not base_url:
            raise provider_settings.ProviderNotConfigured("No AI provider is configured; run: goals-desktop ai configure --preset Ollama")
        key = os.environ.get("OPENAI_API_KEY") or provider_settings.stored_api_key(base_url) or provider_settings.PLACEHOLDER_KEY
        provider_base = provider_settings.Provider(base_url, settings.model, key)
    client = gen.make_client(provider_base)
    try:
        return sorted(model.id for model in (await client.models.list()).data)
    except Exception as error:
        raise CliError(gen.describe_error(error, provider_base, streaming=False).message) from None
    finally:
        await client.close()


def _show(service, args) -> int:
    try:
        provider = provider_settings.resolve()
    except provider_settings.ProviderNotConfigured as error:
        raise CliError(str(error)) from None
    has_key = provider.api_key != provider_settings.PLACEHOLDER_KEY
    print(f"{provider.base_url}  model {provider.model}  API key {'set' if has_key else 'not set'}")
    return 0

"""`goals-desktop ai configure|models|test`: the AI provider (OpenAI, Ollama, LM Studio, llama.cpp, vLLM, ...).

None of these opens the database.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace

from goals_desktop.ai.client import list_models, test_connection
from goals_desktop.ai.settings import PRESETS, load_settings, save_settings, store_api_key

from .common import fail


def register(subparsers) -> None:
    ai = subparsers.add_parser("ai", help="configure the AI provider (OpenAI, Ollama, LM Studio, llama.cpp, vLLM, ...)")
    actions = ai.add_subparsers(dest="ai_command", metavar="ACTION", required=True)

    configure = actions.add_parser("configure", help="set provider, base URL, model and API key")
    configure.add_argument("--preset", choices=sorted(PRESETS))
    configure.add_argument("--base-url")
    configure.add_argument("--model")
    configure.add_argument("--api-key-stdin", action="store_true", help="read the API key from stdin (kept in the keyring)")
    configure.set_defaults(handler=_ai_configure, needs_service=False)
    models = actions.add_parser("models", help="list the server's models")
    models.set_defaults(handler=_ai_models, needs_service=False)
    test = actions.add_parser("test", help="test the connection to the provider")
    test.set_defaults(handler=_ai_test, needs_service=False)


def _ai_configure(args) -> int:
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


def _ai_models(args) -> int:
    for name in asyncio.run(list_models(load_settings())):
        print(name)
    return 0


def _ai_test(args) -> int:
    ok, message = asyncio.run(test_connection(load_settings()))
    if not ok:
        fail(message)
    print(message)
    return 0

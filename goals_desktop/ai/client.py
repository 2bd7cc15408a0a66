"""The openai client built from provider settings, and what its errors mean in one sentence.

Between settings.py (what the user chose, where the key lives) and generate.py (streaming a
roadmap): both the generator and the provider checks (models list, connection test) use it. The
openai SDK is imported only when a client is first needed (it is slow to import).
"""

from __future__ import annotations

import asyncio

from goals_desktop.ai.settings import PLACEHOLDER_KEY, ProviderSettings, SettingsError, get_api_key
from goals_desktop.domain.errors import GoalsError


def make_client(settings: ProviderSettings, timeout: float = 60.0, max_retries: int = 0):
    import openai

    return openai.AsyncOpenAI(
        api_key=get_api_key() or PLACEHOLDER_KEY, base_url=settings.base_url.strip(), timeout=timeout, max_retries=max_retries
    )


def describe_error(error: BaseException, settings: ProviderSettings) -> tuple[str, str]:
    """(one sentence, kind) for an SDK/transport error."""
    import openai

    where = settings.base_url or "the server"
    model = settings.model
    if isinstance(error, openai.APITimeoutError):
        return f"The model server at {where} did not answer in time.", "timeout"
    if isinstance(error, openai.APIConnectionError):
        return f"The model server at {where} cannot be reached; check that it is running and the base URL is right.", "unreachable"
    if isinstance(error, openai.AuthenticationError):
        return "The server rejected the API key; enter a valid key in the AI provider settings.", "auth"
    if isinstance(error, openai.NotFoundError):
        return f"The server does not know the model {model!r}; pick one of its models in the AI provider settings.", "model"
    if isinstance(error, openai.RateLimitError):
        return "The server is rate limiting requests; wait a moment and try again.", "rate_limit"
    if isinstance(error, openai.APIStatusError):
        if error.status_code >= 500:
            return f"The model server had an internal error (HTTP {error.status_code}); try again later.", "server"
        return f"The model server refused the request (HTTP {error.status_code}).", "http"
    if isinstance(error, GoalsError):
        return str(error), getattr(error, "kind", "other")
    return f"Generating the roadmap failed unexpectedly ({type(error).__name__}).", "other"


async def list_models(settings: ProviderSettings) -> list[str]:
    """Model ids from /v1/models; raises GoalsError with one sentence on failure."""
    if not settings.base_url.strip():
        raise SettingsError("Choose a provider or enter a base URL first.")
    client = await asyncio.to_thread(make_client, settings, 10.0)
    try:
        page = await client.models.list()
        return sorted(model.id for model in page.data)
    except Exception as error:
        raise SettingsError(describe_error(error, settings)[0]) from None
    finally:
        await client.close()


async def test_connection(settings: ProviderSettings) -> tuple[bool, str]:
    """(ok, one sentence)."""
    try:
        models = await list_models(settings)
    except GoalsError as error:
        return False, str(error)
    if settings.model and models and settings.model not in models:
        return False, f"Connected, but the server has no model named {settings.model!r}."
    return True, f"Connected to {settings.base_url} ({len(models)} models available)."

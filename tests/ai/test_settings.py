import json

import pytest

from goals_desktop.ai import settings as ai_settings
from tests.support.openai_server import Reply, milestone_lines


def test_settings_roundtrip_and_env_overrides(monkeypatch, ai_env):
    assert not ai_settings.load_settings().configured
    ai_settings.save_settings(ai_settings.ProviderSettings("ollama", ai_settings.PRESETS["ollama"][1], "llama3"))
    assert ai_settings.load_settings().model == "llama3"
    monkeypatch.setenv("OPENAI_BASE_URL", "http://example.invalid/v1")
    monkeypatch.setenv("GOALS_DESKTOP_MODEL", "gpt-x")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    loaded = ai_settings.load_settings()
    assert (loaded.base_url, loaded.model) == ("http://example.invalid/v1", "gpt-x")
    assert ai_settings.get_api_key() == "sk-env"
    (ai_env / "ai.json").write_text("{broken")
    with pytest.raises(ai_settings.SettingsError, match="cannot be read"):
        ai_settings.load_settings()


@pytest.mark.asyncio
@pytest.mark.sqlite_only  # looks for the key in the database file
async def test_key_sent_but_never_stored(llm_server, provider, service, goal, ai_env, db_path):
    message = ai_settings.store_api_key("sk-top-secret-999")
    assert "session only" in message
    ai_settings.save_settings(provider)
    from goals_desktop.ai.generate import generate_and_save

    llm_server.script(Reply(content=milestone_lines(6)))
    assert await generate_and_save(service, goal.id, provider) is not None
    assert llm_server.requests[-1]["headers"]["authorization"] == "Bearer sk-top-secret-999"
    assert "sk-top-secret" not in (ai_env / "ai.json").read_text()
    for path in db_path.parent.glob("goals.sqlite3*"):
        assert b"sk-top-secret" not in path.read_bytes()
    assert "sk-top-secret" not in json.dumps(service.export_goals())


@pytest.mark.asyncio
async def test_local_server_gets_placeholder_key(llm_server, provider, service, goal):
    from goals_desktop.ai.generate import generate_and_save

    llm_server.script(Reply(content=milestone_lines(6)))
    assert await generate_and_save(service, goal.id, provider) is not None
    assert llm_server.requests[-1]["headers"]["authorization"] == f"Bearer {ai_settings.PLACEHOLDER_KEY}"

import pytest

from goals_desktop.ai import settings as ai_settings
from tests.support.openai_server import OpenAIServer


@pytest.fixture(autouse=True)
def ai_env(tmp_path, monkeypatch):
    """Each test: its own config dir, no ambient provider env, no key left from another test."""
    monkeypatch.setenv("GOALS_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "GOALS_DESKTOP_MODEL"):
        monkeypatch.delenv(name, raising=False)
    ai_settings._session_keys.clear()
    yield tmp_path / "config"
    ai_settings._session_keys.clear()


@pytest.fixture
def llm_server():
    with OpenAIServer() as server:
        yield server


@pytest.fixture
def provider(llm_server):
    return ai_settings.ProviderSettings(preset="custom", base_url=llm_server.base_url, model="test-model")


@pytest.fixture
def goal(service):
    return service.create_goal("Learn Machine Learning", "Master ML fundamentals", "2026-12-31")

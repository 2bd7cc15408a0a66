import pytest


@pytest.fixture(autouse=True)
def isolated_ai(ai_env):
    """Every AI test on its own settings (tests/conftest.py's ai_env, with llm_server, provider, goal)."""
    return ai_env

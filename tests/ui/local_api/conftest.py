"""Its own config folder (API token) for each test; the window is tests/ui/conftest.py's open_window."""

import pytest


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALS_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("GOALS_DESKTOP_API_TOKEN", raising=False)
    return tmp_path / "config"


@pytest.fixture
def qasync_runner():
    import asyncio

    from goals_desktop.ui.window_loop import WindowLoop

    with asyncio.Runner(loop_factory=WindowLoop) as runner:
        yield runner

"""Fixtures for the main-window tests: `window` is a fresh start of the app on the test database
(tests/ui/conftest.py's open_window), with no goal selected."""

import pytest


@pytest.fixture
def window(open_window):
    return open_window()

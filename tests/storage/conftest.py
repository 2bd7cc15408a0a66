"""Fixtures for the todos tests: the seed's goal in a real database."""

import pytest


@pytest.fixture
def seeded(service, seed_goal):
    """The service with the seed's example goal (node_1 done, node_2 open, node_1 -> node_2)."""
    service.import_goals([seed_goal])
    return service


@pytest.fixture
def changes(service):
    heard = []
    service.subscribe(heard.append)
    return heard

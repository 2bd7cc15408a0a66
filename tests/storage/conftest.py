"""Fixtures shared by the storage tests: the seed's goal in the test database, and the changes the
service announces."""

import pytest


@pytest.fixture
def seeded_service(service, seed_goal):
    """The service with the seed's example goal (node_1 done, node_2 open, node_1 -> node_2)."""
    service.import_goals([seed_goal])
    return service


@pytest.fixture
def changes(service):
    """Every change the service announces from now on, in order."""
    heard = []
    service.subscribe(heard.append)
    return heard

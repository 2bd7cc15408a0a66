"""The API fuzzed from its own /openapi.json with Schemathesis, bounded, in every run: no 500, every
answer matches the schema, bad input changes nothing, the database stays intact."""

from __future__ import annotations

import sqlite3

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi._hypothesis import ParameterLocation, _draw_negated_locations
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import table_rows

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def fuzzed(api, seed_goal):
    """A server with data worth damaging: the seed's goal, its todos, and a second goal."""
    api.service.import_goals([seed_goal])
    api.service.todos_from_roadmap("goal_123")
    api.service.todo_from_node("goal_123", "node_2")
    api.service.create_goal("Run a marathon", "Train three times a week", "2027-04-01")
    return api


EXAMPLES_PER_OPERATION = 12


# schemathesis.pytest.from_fixture does not work on pytest 9 (it sets a private node attribute), so
# each operation's Hypothesis strategy is driven here directly: the same generation, the same checks.
@pytest.mark.parametrize(
    ("mode", "known_ids"),
    [(GenerationMode.POSITIVE, False), (GenerationMode.NEGATIVE, False), (GenerationMode.POSITIVE, True)],
    ids=["positive", "negative", "positive-on-existing-ids"],
)
def test_fuzzed_from_the_openapi_schema(fuzzed, db_path, mode, known_ids):
    schema = schemathesis.openapi.from_url(fuzzed.url + "/openapi.json", headers=fuzzed.headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    calls: list[tuple[str, int]] = []
    unsatisfiable: list[str] = []

    todo_id = fuzzed.service.list_todos()[0].id
    existing = {"goal_id": "goal_123", "node_id": "node_2", "todo_id": todo_id, "subtask": "1"}
    # The rows before a request: read again only after an answer that may have changed them (a
    # refused request's rows, checked unchanged, are the next request's rows before it).
    rows: list = []

    for operation in operations:
        # Random ids mostly meet 404s; the third run aims every generated request at real data.
        path_parameters = {k: v for k, v in existing.items() if "{" + k + "}" in operation.path} if known_ids else None
        if mode == GenerationMode.NEGATIVE and nothing_to_negate(operation, dict(fuzzed.headers), path_parameters):
            # Every negative case Hypothesis would draw here is rejected (nothing schema-violating
            # to send), ~460 draws before it says Unsatisfiable: Schemathesis's own choice of
            # what to break, asked once instead.
            unsatisfiable.append(operation.label)
            continue
        strategy = operation.as_strategy(
            generation_mode=mode, headers=dict(fuzzed.headers), path_parameters=path_parameters or None
        )

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def one_operation(case):
            before = rows.pop() if rows else table_rows(db_path)
            response = case.call_and_validate(checks=CHECKS)
            calls.append((operation.label, response.status_code))
            if response.status_code >= 400:
                assert table_rows(db_path) == before, (
                    f"{case.method} {case.formatted_path} answered {response.status_code} but changed data"
                )
                rows.append(before)
                detail = response.json()["detail"]
                assert isinstance(detail, str) and "\n" not in detail and "Traceback" not in detail

        try:
            one_operation()
        except Unsatisfiable:
            # Nothing schema-violating to make (e.g. only a free-text path parameter): nothing to test.
            assert mode == GenerationMode.NEGATIVE, operation.label
            unsatisfiable.append(operation.label)

    assert all(status < 500 for _, status in calls)
    assert len({label for label, _ in calls}) == len(operations) - len(unsatisfiable)
    assert len(unsatisfiable) <= len(operations) // 2, unsatisfiable
    if not isinstance(db_path, str):  # a file is checked here; a server checks its own pages
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def nothing_to_negate(operation, headers, path_parameters) -> bool:
    """Whether Schemathesis finds no part of `operation`'s request it could make schema-violating
    (where it finds some, it would draw which to break: any answer does here)."""
    explicit = {
        ParameterLocation.PATH: path_parameters,
        ParameterLocation.HEADER: headers,
        ParameterLocation.COOKIE: None,
        ParameterLocation.QUERY: None,
    }
    return _draw_negated_locations(lambda _: True, operation, GenerationMode.NEGATIVE, explicit=explicit, body_is_generated=True) is None

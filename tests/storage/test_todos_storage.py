"""Migration from a 0001 database, foreign-key behaviour, validation and all-or-nothing calls."""

import pytest
import sqlalchemy as sa

from goals_desktop.domain.errors import GoalsError, NotFoundError, StorageError, ValidationError
from goals_desktop.storage import Database, GoalService
from goals_desktop.storage.migrations import alembic_config
from tests.support import backends


def make_revision_0001_database(path):
    """A file as the first release left it, with a goal and its roadmap in it."""
    from alembic import command

    database = Database(path, migrate=False)
    config = alembic_config()
    with database.write() as connection:
        config.attributes["connection"] = connection
        # A test database on a server comes with the newest schema: take it back down first.
        command.downgrade(config, "base")
        command.upgrade(config, "0001")
    with database.write() as connection:
        connection.exec_driver_sql(
            "INSERT INTO goals (id, title, status, progress, has_roadmap, created_at, updated_at)"
            " VALUES ('goal_old', 'Old goal', 'active', 50, TRUE, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
        )
        for seq, (node_id, done) in enumerate((("n1", "TRUE"), ("n2", "FALSE"))):
            connection.exec_driver_sql(
                "INSERT INTO nodes (goal_id, id, seq, label, completed, details, resources)"
                f" VALUES ('goal_old', '{node_id}', {seq}, 'Step {node_id}', {done}, '[]', '[]')"
            )
        connection.exec_driver_sql(
            "INSERT INTO edges (goal_id, id, seq, source, target) VALUES ('goal_old', 'e1', 0, 'n1', 'n2')"
        )
    assert database.schema_revisions()[0] == "0001"
    database.close()


def test_migrating_a_0001_database_keeps_its_goals_and_adds_todos(db_path):
    make_revision_0001_database(db_path)
    assert "todos" not in backends.snapshot(db_path)

    database = Database(db_path)
    try:
        current, head = database.schema_revisions()
        assert current == head >= "0002"
        service = GoalService(database)
        goal = service.get_goal("goal_old")
        assert [(n.id, n.completed) for n in goal.roadmap.nodes] == [("n1", True), ("n2", False)]
        todo = service.todos_from_roadmap("goal_old")
        service.set_subtask_completed(todo.id, 1, True)
        assert service.get_goal("goal_old").progress == 100
    finally:
        database.close()


def test_migration_can_go_back_down(db_path):
    from alembic import command

    database = Database(db_path)
    config = alembic_config()
    with database.write() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with database.read() as connection:
        tables = set(sa.inspect(connection).get_table_names())
    database.close()
    assert {"goals", "nodes", "edges"} <= tables and not {"todos", "subtasks", "caldav_items", "caldav_state"} & tables


def test_database_clears_links_itself_when_a_node_row_goes(seeded_service):
    # Even a write that bypasses the service's hooks can leave no dangling link (ON DELETE SET NULL).
    todo = seeded_service.todo_from_node("goal_123", "node_2")
    roadmap_todo = seeded_service.todos_from_roadmap("goal_123")
    with seeded_service.db.write() as connection:
        connection.exec_driver_sql("DELETE FROM nodes WHERE goal_id = 'goal_123' AND id = 'node_2'")
    assert (seeded_service.get_todo(todo.id).goal_id, seeded_service.get_todo(todo.id).node_id) == ("goal_123", None)
    assert [s.node_id for s in seeded_service.get_todo(roadmap_todo.id).subtasks] == ["node_1", None]


def snapshot(service):
    return (
        [t.to_dict() for t in service.list_todos()],
        service.export_goals(),
    )


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda s, t: s.create_todo("   "), ValidationError, "The todo title must not be blank."),
        (lambda s, t: s.create_todo("x", due_date="31/12/2026"), ValidationError, "not a valid date"),
        (lambda s, t: s.create_todo("x", goal_id="goal_nope"), NotFoundError, "No goal with id 'goal_nope'."),
        (lambda s, t: s.create_todo("x", node_id="node_1"), ValidationError, "must also name the milestone's goal"),
        (lambda s, t: s.create_todo("x", goal_id="goal_123", node_id="node_9"), NotFoundError, "No node"),
        (lambda s, t: s.update_todo(t.id, title=""), ValidationError, "must not be blank"),
        (lambda s, t: s.update_todo(t.id, node_id="node_9"), NotFoundError, "No node"),
        (lambda s, t: s.get_todo("todo_nope"), NotFoundError, "No todo with id 'todo_nope'."),
        (lambda s, t: s.delete_todo("todo_nope"), NotFoundError, "No todo"),
        (lambda s, t: s.set_todo_completed(t.id, "yes"), ValidationError, "true or false"),
        (lambda s, t: s.set_subtask_completed(t.id, 7, True), NotFoundError, "no subtask number 8"),
        (lambda s, t: s.set_subtask_completed(t.id, "subtask_nope", True), NotFoundError, "no subtask with id"),
        (lambda s, t: s.set_subtasks_completed(t.id, {0: True, 9: True}), NotFoundError, "no subtask number 10"),
        (lambda s, t: s.add_subtask(t.id, "\t"), ValidationError, "subtask title must not be blank"),
        (lambda s, t: s.add_subtask(t.id, "x", node_id="node_9"), NotFoundError, "No node"),
        (lambda s, t: s.rename_subtask(t.id, 0, ""), ValidationError, "must not be blank"),
        (lambda s, t: s.todo_from_node("goal_123", "node_9"), NotFoundError, "No node"),
        (lambda s, t: s.todos_from_roadmap("goal_nope"), NotFoundError, "No goal"),
        (lambda s, t: s.list_todos(goal_id="goal_nope"), NotFoundError, "No goal"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(seeded_service, call, error, message):
    todo = seeded_service.todos_from_roadmap("goal_123")
    before = snapshot(seeded_service)
    with pytest.raises(error) as raised:
        call(seeded_service, todo)
    assert isinstance(raised.value, GoalsError)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert snapshot(seeded_service) == before


def test_goal_without_milestones_cannot_be_sent_to_todos(service):
    goal = service.create_goal("Empty")
    with pytest.raises(ValidationError, match="has no milestones to send to todos"):
        service.todos_from_roadmap(goal.id)
    assert service.list_todos() == []


def test_a_failure_midway_through_sync_rolls_everything_back(seeded_service):
    """The subtask, its milestone and the goal's progress change together or not at all."""
    todo = seeded_service.todos_from_roadmap("goal_123")
    before = snapshot(seeded_service)
    with seeded_service.db.write() as connection:
        # A real database failure at the last step (recomputing the goal's progress).
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "CREATE FUNCTION refuse_progress() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'progress is frozen'; END $$"
            )
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse_progress BEFORE UPDATE OF progress ON goals "
                "FOR EACH ROW EXECUTE FUNCTION refuse_progress()"
            )
        else:
            connection.exec_driver_sql(
                "CREATE TRIGGER refuse_progress BEFORE UPDATE OF progress ON goals "
                "BEGIN SELECT RAISE(ABORT, 'progress is frozen'); END"
            )
    with pytest.raises(StorageError, match="progress is frozen"):
        seeded_service.set_subtask_completed(todo.id, 1, True)
    assert snapshot(seeded_service) == before
    with pytest.raises(StorageError):
        seeded_service.update_node("goal_123", "node_2", completed=True)
    assert snapshot(seeded_service) == before

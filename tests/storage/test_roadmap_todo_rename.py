"""Renaming a goal renames the todo its roadmap was sent to, in the same transaction."""

import pytest

from goals_desktop.domain.errors import ValidationError
from goals_desktop.storage import TodosChanged


def test_renaming_a_goal_renames_its_roadmap_todo_only(service):
    goal = service.create_goal("Learn ML")
    service.set_roadmap(goal.id, {"nodes": [{"id": "a", "label": "Python"}, {"id": "b", "label": "NumPy"}], "edges": []})
    roadmap_todo = service.todos_from_roadmap(goal.id)
    milestone_todo = service.todo_from_node(goal.id, "a")
    manual = service.create_todo("Buy a book", goal_id=goal.id)
    changes = []
    service.subscribe(changes.append)

    service.update_goal(goal.id, title="Learn machine learning")

    assert service.get_todo(roadmap_todo.id).title == "Learn machine learning"
    assert service.get_todo(milestone_todo.id).title == milestone_todo.title
    assert service.get_todo(manual.id).title == "Buy a book"
    todo_changes = [c for c in changes if c.kind == "todos"]
    assert len(todo_changes) == 1 and todo_changes[0].detail == TodosChanged(todo_ids=(roadmap_todo.id,))
    # Other edits leave todo titles alone and announce no todo change.
    changes.clear()
    service.update_goal(goal.id, description="More")
    assert [c.kind for c in changes] == ["updated"]
    # Undo of the rename (the window's EditGoalCommand) puts the todo's title back too.
    service.update_goal(goal.id, title="Learn ML")
    assert service.get_todo(roadmap_todo.id).title == "Learn ML"


def test_a_refused_rename_changes_no_todo(service):
    goal = service.create_goal("Learn ML")
    service.set_roadmap(goal.id, {"nodes": [{"id": "a", "label": "Python"}], "edges": []})
    todo = service.todos_from_roadmap(goal.id)
    with pytest.raises(ValidationError, match="limit"):
        service.update_goal(goal.id, title="x" * 500)
    assert service.get_todo(todo.id).title == "Learn ML"

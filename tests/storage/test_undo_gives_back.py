"""An undo gives back exactly what was there before the step, also what the rules overwrote on the
way: the place of removed milestones and links in the roadmap's order, a status set by hand, a mix
of ticked subtasks, titles typed by hand. Each step is one service call through
GoalService.undoable(record=...), its undo one call through undoable(restore=...), as the window's
commands make them (goals_desktop/ui/commands.py)."""

import pytest

from goals_desktop.domain.errors import NotFoundError
from goals_desktop.domain.models import Node
from goals_desktop.storage.results import Overwritten


def goal_with(service, nodes, edges=(), status="active", goal_id="g"):
    """A goal with nodes [(id, label, completed)] and edges [(id, source, target)], in that order."""
    (goal,) = service.import_goals(
        [
            {
                "id": goal_id,
                "title": "Learn Machine Learning",
                "status": status,
                "roadmap": {
                    "nodes": [
                        {"id": i, "label": label, "completed": done, "position": {"x": 0, "y": 100 * n}}
                        for n, (i, label, done) in enumerate(nodes)
                    ],
                    "edges": [{"id": i, "source": a, "target": b} for i, a, b in edges],
                },
            }
        ]
    )
    return goal.id


def step(service, call):
    """Make one step (call gets the service to use); returns (its result, what it overwrote)."""
    record = Overwritten()
    return call(service.undoable(record=record)), record


def undo(service, record, call):
    return call(service.undoable(restore=record))


def order(service, goal_id):
    roadmap = service.get_goal(goal_id).roadmap
    return [n.id for n in roadmap.nodes], [e.id for e in roadmap.edges]


def seen(service):
    """Everything an undo must give back (timestamps left out)."""
    goals = {}
    for listed in service.list_goals():
        goal = service.get_goal(listed.id).to_dict()
        goal.pop("updated_at")
        goals[goal["id"]] = goal
    todos = [t.to_dict() | {"updated_at": None} for t in service.list_todos()]
    return goals, todos


# -- 1. order -------------------------------------------------------------------------------------


def test_an_undone_deletion_puts_milestones_and_links_back_in_their_place(service):
    goal_id = goal_with(
        service,
        [("a", "A", False), ("b", "B", False), ("c", "C", False), ("d", "D", False)],
        [("ab", "a", "b"), ("bc", "b", "c"), ("cd", "c", "d"), ("ad", "a", "d")],
    )
    before = seen(service)
    roadmap = service.get_goal(goal_id).roadmap
    removed_nodes = [roadmap.node("b")]
    removed_edges = [e for e in roadmap.edges if e.id in ("ad", "ab", "bc")]
    outcome, record = step(service, lambda s: s.remove_nodes(goal_id, ["b"], ["ad"]))
    assert order(service, goal_id) == (["a", "c", "d"], ["cd"])

    # Handed back in another order than they stood: the place comes from the step's record.
    undo(service, record, lambda s: s.restore_nodes(goal_id, removed_nodes, removed_edges[::-1], outcome.unlinked))
    assert order(service, goal_id) == (["a", "b", "c", "d"], ["ab", "bc", "cd", "ad"])
    assert seen(service) == before


def test_the_place_survives_a_later_step_that_wrote_the_roadmap_anew(service):
    # Deleting the goal and undoing that writes its roadmap again, numbering the rows afresh; the
    # earlier deletion's undo must still find the milestone's place (found by the state machine).
    # (Ids that sort against their order: a tie in the order would not go their way by chance.)
    goal_id = goal_with(
        service, [("s", "S", False), ("b", "B", False), ("c", "C", False)], [("sb", "s", "b"), ("bc", "b", "c")]
    )
    before = seen(service)
    roadmap = service.get_goal(goal_id).roadmap
    outcome, removal = step(service, lambda s: s.remove_nodes(goal_id, ["s"]))
    snapshot = service.get_goal(goal_id).to_dict()
    deleted, deletion = step(service, lambda s: s.delete_goal(goal_id))
    undo(service, deletion, lambda s: s.restore_goal(snapshot, links=deleted.unlinked))
    undo(service, removal, lambda s: s.restore_nodes(goal_id, [roadmap.node("s")], [roadmap.edges[0]], outcome.unlinked))
    assert order(service, goal_id) == (["s", "b", "c"], ["sb", "bc"])
    assert seen(service) == before
    service.add_node(goal_id, Node("a", "A"))
    assert order(service, goal_id)[0] == ["s", "b", "c", "a"]


def test_a_link_added_after_a_removal_comes_last(service):
    goal_id = goal_with(
        service, [("a", "A", False), ("b", "B", False), ("c", "C", False)], [("e1", "a", "b"), ("e2", "b", "c")]
    )
    service.remove_edge(goal_id, "e1")
    service.add_edge(goal_id, "a", "c", edge_id="a_new")  # sorts before e2 by id
    service.add_edge(goal_id, "a", "b", edge_id="b_new")
    assert order(service, goal_id)[1] == ["e2", "a_new", "b_new"]


# -- 2. status ------------------------------------------------------------------------------------


def test_a_check_off_follows_the_milestones_and_its_undo_gives_back_a_status_set_by_hand(service):
    goal_id = goal_with(service, [("a", "A", True), ("b", "B", False), ("c", "C", False)])
    service.update_goal(goal_id, status="completed")  # by hand, though two milestones are open
    before = seen(service)

    goal, record = step(service, lambda s: s.update_nodes(goal_id, {"b": {"completed": True}}))
    assert (goal.status, goal.progress) == ("active", 67)  # the rule: the milestones decide again
    undo(service, record, lambda s: s.update_nodes(goal_id, {"b": {"completed": False}}))
    undone = service.get_goal(goal_id)
    assert (undone.status, undone.progress) == ("completed", 33)
    assert seen(service) == before


def test_reopening_a_milestone_of_a_goal_kept_active_by_hand_undoes_to_active(service):
    # Every milestone done, but set back to active by hand (more is to come). Reopening one changes
    # no status; checking it again would make the goal completed, so the undo must not just do that.
    goal_id = goal_with(service, [("a", "A", True), ("b", "B", True)], status="active")
    assert service.get_goal(goal_id).status == "active"
    before = seen(service)
    _, record = step(service, lambda s: s.update_nodes(goal_id, {"b": {"completed": False}}))
    assert service.get_goal(goal_id).status == "active"
    undo(service, record, lambda s: s.update_nodes(goal_id, {"b": {"completed": True}}))
    assert service.get_goal(goal_id).status == "active"
    assert seen(service) == before
    # The rule itself is unchanged: the next real change of completion decides the status again
    # (checking a milestone that is already checked changes nothing, so it writes nothing).
    assert service.update_node(goal_id, "a", completed=True).status == "active"
    service.update_node(goal_id, "a", completed=False)
    assert service.update_node(goal_id, "a", completed=True).status == "completed"


def test_undoing_a_milestone_added_to_an_emptied_roadmap_gives_back_completed(service):
    goal_id = goal_with(service, [("a", "A", True)], status="completed")
    assert service.get_goal(goal_id).status == "completed"
    service.remove_nodes(goal_id, ["a"])
    assert service.get_goal(goal_id).status == "completed"  # a roadmap without milestones keeps its status
    before = seen(service)

    goal, record = step(service, lambda s: s.add_node(goal_id, Node("z", "Z")))
    assert goal.status == "active"
    undo(service, record, lambda s: s.remove_nodes(goal_id, ["z"]))
    assert service.get_goal(goal_id).status == "completed"
    assert seen(service) == before


# -- 3. a mix of subtasks -------------------------------------------------------------------------


def test_undoing_a_check_off_gives_back_the_mix_of_ticked_subtasks(service):
    goal_id = goal_with(service, [("a", "A", False), ("b", "B", False)])
    todo = service.todo_from_node(goal_id, "b")
    service.add_subtask(todo.id, "Read chapter 1")
    service.add_subtask(todo.id, "Read chapter 2")
    service.set_subtask_completed(todo.id, 0, True)
    before = seen(service)
    heard = []
    service.subscribe(heard.append)

    _, record = step(service, lambda s: s.update_nodes(goal_id, {"b": {"completed": True}}))
    ticked = service.get_todo(todo.id)
    assert ticked.completed and [s.completed for s in ticked.subtasks] == [True, True]  # the rule
    heard.clear()
    undo(service, record, lambda s: s.update_nodes(goal_id, {"b": {"completed": False}}))
    back = service.get_todo(todo.id)
    assert not back.completed and [s.completed for s in back.subtasks] == [True, False]
    assert seen(service) == before
    # The views hear which todo the undo gave back, to redraw its rows.
    assert any(c.kind == "todos" and todo.id in c.detail.todo_ids for c in heard)


def test_undoing_the_restore_of_a_deleted_todo_keeps_its_mix(service):
    # Putting a deleted milestone todo back makes it follow its milestone, which reopens all its
    # subtasks; the undo of the deletion (the restore) gives back the mix the todo had.
    goal_id = goal_with(service, [("a", "A", False)])
    todo = service.todo_from_node(goal_id, "a")
    service.add_subtask(todo.id, "One")
    service.add_subtask(todo.id, "Two")
    service.set_subtask_completed(todo.id, 1, True)
    snapshot = service.get_todo(todo.id)
    before = seen(service)
    _, record = step(service, lambda s: s.delete_todo(todo.id))
    undo(service, record, lambda s: s.restore_todo(snapshot))
    assert [s.completed for s in service.get_todo(todo.id).subtasks] == [False, True]
    assert seen(service) == before


# -- 4. titles typed by hand ----------------------------------------------------------------------


def hand_titled(service):
    """A goal sent to todos and one milestone made a todo, each then renamed by hand."""
    goal_id = goal_with(service, [("a", "Python basics", True), ("b", "Linear algebra", False)], [("ab", "a", "b")])
    sent = service.todos_from_roadmap(goal_id)
    service.update_todo(sent.id, title="My ML plan")
    service.rename_subtask(sent.id, 1, "Linear algebra, my way")
    made = service.todo_from_node(goal_id, "b")
    service.update_todo(made.id, title="Vectors first")
    return goal_id, sent.id, made.id


def titles(service, todo_id):
    todo = service.get_todo(todo_id)
    return [todo.title, *(s.title for s in todo.subtasks)]


def test_undoing_a_milestone_rename_gives_back_titles_typed_by_hand(service):
    goal_id, sent, made = hand_titled(service)
    before = seen(service)
    _, record = step(service, lambda s: s.update_nodes(goal_id, {"b": {"label": "Matrices"}}))
    assert titles(service, sent) == ["My ML plan", "Python basics", "Matrices"]  # the label wins: the rule
    assert titles(service, made) == ["Matrices"]
    undo(service, record, lambda s: s.update_nodes(goal_id, {"b": {"label": "Linear algebra"}}))
    assert titles(service, sent) == ["My ML plan", "Python basics", "Linear algebra, my way"]
    assert titles(service, made) == ["Vectors first"]
    assert seen(service) == before


def test_undoing_a_goal_rename_gives_back_the_title_typed_for_its_todo(service):
    goal_id, sent, _ = hand_titled(service)
    before = seen(service)
    _, record = step(service, lambda s: s.update_goal(goal_id, title="Learn ML"))
    assert titles(service, sent)[0] == "Learn ML"
    undo(service, record, lambda s: s.update_goal(goal_id, title="Learn Machine Learning"))
    assert titles(service, sent)[0] == "My ML plan"
    assert seen(service) == before


def test_undoing_a_regenerate_gives_back_titles_typed_by_hand(service):
    goal_id, sent, made = hand_titled(service)
    before = seen(service)
    old = service.get_goal(goal_id).roadmap
    new = {
        "nodes": [
            {"id": "b", "label": "Linear algebra again", "completed": True, "position": {"x": 0, "y": 0}},
            {"id": "n", "label": "Fresh", "completed": False, "position": {"x": 0, "y": 100}},
        ],
        "edges": [],
    }
    outcome = service.set_roadmap(goal_id, new)  # a generation saves the moment it is complete
    assert titles(service, made) == ["Linear algebra again"] and service.get_todo(made).completed
    saved = outcome.goal.roadmap
    undo(service, outcome.overwritten, lambda s: s.set_roadmap(goal_id, old, expected=saved, relink=outcome.unlinked))
    assert titles(service, sent) == ["My ML plan", "Python basics", "Linear algebra, my way"]
    assert titles(service, made) == ["Vectors first"]
    assert seen(service) == before


def test_a_refused_call_records_nothing(service):
    goal_id = goal_with(service, [("a", "A", False)])
    record = Overwritten()
    with pytest.raises(NotFoundError, match="missing"):
        service.undoable(record=record).update_nodes(goal_id, {"a": {"completed": True}, "missing": {"completed": True}})
    assert not record and not service.get_goal(goal_id).roadmap.node("a").completed

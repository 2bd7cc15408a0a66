"""Two-way sync against a real Radicale, a second client playing the phone."""

from __future__ import annotations

from datetime import date, timedelta

from goals_desktop.exchange.ics import milestone_uid, subtask_uid, todo_uid
from goals_desktop.sync.account import run_pass
from tests.sync.conftest import PASSWORD

ROADMAP = {
    "nodes": [
        {"id": "n1", "label": "Run 5k"},
        {"id": "n2", "label": "Run 10k", "due_date": "2027-01-15"},
        {"id": "n3", "label": "Half marathon"},
    ],
    "edges": [{"id": "e1", "source": "n1", "target": "n2"}, {"id": "e2", "source": "n2", "target": "n3"}],
}


def _plan(service):
    goal = service.create_goal("Run a marathon", target_date="2027-06-01")
    service.set_roadmap(goal.id, ROADMAP)
    linked = service.create_todo("Buy shoes", goal_id=goal.id, node_id="n1")
    plain = service.create_todo("Book physio", notes="ask about knees", due_date="2026-12-20", subtasks=["call", "pay"])
    return goal, linked, plain


def _pass(service):
    return run_pass(service, PASSWORD)


def test_first_pass_uploads_every_item_with_the_export_uids_and_a_second_changes_nothing(service, account, phone):
    goal, linked, plain = _plan(service)
    report = _pass(service)
    on_phone = phone.todos()
    expected = {
        todo_uid(linked.id), todo_uid(plain.id),
        *(subtask_uid(plain.id, s.id) for s in plain.subtasks),
        *(milestone_uid(goal.id, n) for n in ("n1", "n2", "n3")),
    }
    assert set(on_phone) == expected
    assert len(report.uploaded) == len(expected)
    milestone = on_phone[milestone_uid(goal.id, "n2")]
    assert str(milestone["summary"]) == "Run 10k"
    assert milestone["due"].dt == date(2027, 1, 15)
    assert "Run a marathon" in [str(c) for c in milestone["categories"].cats]
    book = on_phone[todo_uid(plain.id)]
    assert str(book["description"]) == "ask about knees" and book["due"].dt == date(2026, 12, 20)
    (alarm,) = book.walk("VALARM")  # the phone reminds at 09:00 on the due day
    assert alarm["trigger"].dt == timedelta(hours=9) and alarm["trigger"].params["RELATED"] == "END"
    assert str(on_phone[subtask_uid(plain.id, plain.subtasks[0].id)]["related-to"]) == todo_uid(plain.id)

    again = _pass(service)
    assert (again.uploaded, again.applied, again.full) == ([], [], False)
    assert phone.count() == len(expected)


def test_phone_ticks_renames_redates_and_deletes_come_back_through_the_rules(service, account, phone):
    goal, linked, plain = _plan(service)
    _pass(service)

    phone.edit(milestone_uid(goal.id, "n1"), status="COMPLETED")
    phone.edit(todo_uid(plain.id), summary="Book the physio")
    phone.edit(milestone_uid(goal.id, "n3"), due=date(2027, 5, 1))
    report = _pass(service)

    after = service.get_goal(goal.id)
    assert after.roadmap.node("n1").completed and after.progress > 0  # progress moved
    assert service.get_todo(linked.id).completed  # the linked todo followed
    assert after.roadmap.node("n3").due_date.startswith("2027-05-01")  # now a date the user set
    assert service.get_todo(plain.id).title == "Book the physio"
    # The linked todo ticked here by the rules went up in the same pass: both sides equal.
    assert str(phone.todos()[todo_uid(linked.id)]["status"]) == "COMPLETED"
    assert len(report.applied) == 3

    # Reopening on the phone reopens here.
    phone.edit(milestone_uid(goal.id, "n1"), status="NEEDS-ACTION")
    _pass(service)
    assert not service.get_goal(goal.id).roadmap.node("n1").completed
    assert not service.get_todo(linked.id).completed

    # Deleted on the phone: kept here, no longer synced (a local edit does not bring it back).
    phone.delete(todo_uid(plain.id))
    report = _pass(service)
    assert report.stopped == ["Book the physio"]
    assert service.get_todo(plain.id).title == "Book the physio"
    service.update_todo(plain.id, title="Still here")
    _pass(service)
    assert todo_uid(plain.id) not in phone.todos()

    # Deleted here: deleted on the server.
    service.delete_todo(linked.id)
    _pass(service)
    assert todo_uid(linked.id) not in phone.todos()


def test_both_sides_change_the_same_item_later_change_wins_and_both_end_equal(service, account, phone):
    goal, linked, plain = _plan(service)
    _pass(service)
    uid = todo_uid(plain.id)

    # Different fields: both kept.
    service.update_todo(plain.id, notes="bring the MRI")
    phone.edit(uid, summary="Physio (Tue)")
    _pass(service)
    here, there = service.get_todo(plain.id), phone.todos()[uid]
    assert (here.title, here.notes) == ("Physio (Tue)", "bring the MRI")
    assert (str(there["summary"]), str(there["description"])) == ("Physio (Tue)", "bring the MRI")

    # The same field: the phone's change is later (LAST-MODIFIED an hour ahead): it wins.
    service.update_todo(plain.id, title="Physio (Wed)")
    phone.edit(uid, summary="Physio (Thu)", later_by=timedelta(hours=1))
    _pass(service)
    assert service.get_todo(plain.id).title == str(phone.todos()[uid]["summary"]) == "Physio (Thu)"

    # The same field, the phone's edit older than ours: ours wins, and goes up over its ETag.
    phone.edit(uid, summary="Physio (Fri)", later_by=-timedelta(hours=2))
    service.update_todo(plain.id, title="Physio (Sat)")
    _pass(service)
    assert service.get_todo(plain.id).title == str(phone.todos()[uid]["summary"]) == "Physio (Sat)"


def test_a_todo_made_on_the_phone_arrives_once(service, account, phone):
    phone.add("Water the plants", uid="phone-made-1")
    _pass(service)
    _pass(service)
    made = [t for t in service.list_todos() if t.title == "Water the plants"]
    assert len(made) == 1
    phone.edit("phone-made-1", status="COMPLETED")
    _pass(service)
    assert service.get_todo(made[0].id).completed
    assert phone.count() == 1

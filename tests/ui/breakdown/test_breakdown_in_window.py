"""Breaking a milestone down with AI from its context menu, and the offer to generate after creating
a goal -- in the real window on a qasync loop, against the loopback OpenAI-compatible server."""

import asyncio
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from goals_desktop.ai import settings as ai_settings
from tests.support.openai_server import Reply, milestone_lines


async def until(condition, timeout=15.0):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        await asyncio.sleep(0.01)


def flow_problems(scene) -> list[str]:
    """What is out of place on the canvas: milestones whose boxes overlap, links that run upwards."""
    boxes = {i: item.scene_rect() for i, item in scene.nodes.items()}
    ids = sorted(boxes)
    problems = [f"{a} overlaps {b}" for k, a in enumerate(ids) for b in ids[k + 1:] if boxes[a].intersects(boxes[b])]
    problems += [f"{e.source.node_id} -> {e.target.node_id} runs up" for e in scene.edges.values() if e.target.pos().y() <= e.source.pos().y()]
    return problems


def test_break_down_from_the_context_menu_streams_in_the_flow_and_is_one_undo_step(qtbot, window, planned, llm, llm_server, qrun):
    editor = window.editor
    service = window.service
    before = service.get_goal(planned).roadmap.to_dict()
    assert flow_problems(editor.scene) == []
    home = {i: item.pos() for i, item in editor.scene.nodes.items()}
    item = editor.scene.nodes["lr"]
    editor.view.centerOn(item)
    llm_server.script(Reply(content=milestone_lines(4, prefix="Regression part"), tokens_per_second=250))
    seen = {}

    async def scenario():
        # A right-click on the milestone (the context-menu event the platform sends) opens its menu.
        point = editor.view.mapFromScene(item.pos())
        viewport = editor.view.viewport()
        QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point)))
        await until(lambda: QApplication.activePopupWidget() is not None)
        menu = QApplication.activePopupWidget()
        action = next(a for a in menu.actions() if a.text() == "Break down with AI…")
        assert action.isEnabled() and editor.scene.selected_node_ids() == ["lr"]
        menu.close()
        action.trigger()
        task = window.generation.task(planned)
        await until(lambda: len(editor.scene.preview_nodes) >= 2)
        # The roadmap stays in view while the parts stream in where they will be saved: below the
        # milestone's prerequisites, above the milestone, which moved down to make room.
        seen["stored"] = len(editor.scene.nodes)
        prerequisites = [editor.scene.nodes[i].pos().y() for i in ("np", "stats")]
        seen["between"] = all(
            max(prerequisites) < p.pos().y() < item.pos().y() for p in editor.scene.preview_nodes.values()
        ) and item.pos().y() > home["lr"].y()
        seen["status"] = window.generation_bar.text.text()
        assert not window.generation.breakdown_action.isEnabled()
        await task
        seen["preview"] = {p.node.label: (p.pos().x(), p.pos().y()) for p in editor.scene.preview_nodes.values()}

    qrun(scenario)
    assert seen["stored"] == 10 and seen["between"]
    assert "Breaking down “Linear and logistic regression”" in seen["status"]
    roadmap = service.get_goal(planned).roadmap
    parts = [n for n in roadmap.nodes if n.label.startswith("Regression part")]
    assert len(parts) == 4 and len(roadmap.nodes) == 14
    label = {n.id: n.label for n in roadmap.nodes}
    assert sorted(label[e.source] for e in roadmap.edges if e.target == "lr") == ["Regression part 4"]
    assert sorted(label[e.target] for e in roadmap.edges if e.source == "stats") == ["Regression part 1"]
    assert set(editor.scene.nodes) == {n.id for n in roadmap.nodes} and not editor.scene.preview_nodes
    # Saved in the flow: nothing overlaps, every link runs down, and what is not after the milestone stays put.
    assert flow_problems(editor.scene) == []
    after = {n.id for n in roadmap.nodes if n.id in home and editor.scene.nodes[n.id].pos() != home[n.id]}
    assert after == {"lr", "trees", "nn", "p1", "p2", "deploy"}, after
    assert all(editor.scene.nodes[i].pos() == home[i] for i in ("la", "py", "np", "stats"))
    assert window.undo_stack.undoText() == "Break down “Linear and logistic regression”"
    assert "broken down into 4 sub-milestones" in window.generation_bar.text.text()
    # The schedule follows: the milestone now waits for its parts.
    assert editor.schedule.milestones["lr"].planned_start > editor.schedule.milestones[parts[-1].id].planned_start
    window.undo_stack.undo()
    assert service.get_goal(planned).roadmap.to_dict() == before
    window.undo_stack.redo()
    assert len(service.get_goal(planned).roadmap.nodes) == 14


def test_a_failed_breakdown_says_so_once_and_retry_breaks_down_again(qtbot, window, planned, llm, llm_server, qrun):
    editor = window.editor
    editor.select_node("trees")
    llm_server.script(Reply(status=500), Reply(content=milestone_lines(3, prefix="Tree part")))
    before = window.service.get_goal(planned).roadmap.to_dict()

    async def scenario():
        await window.generation.start_breakdown()
        assert "internal error" in window.generation_bar.text.text()
        assert window.generation_bar.retry_button.isVisible()
        assert window.service.get_goal(planned).roadmap.to_dict() == before
        qtbot.mouseClick(window.generation_bar.retry_button, Qt.MouseButton.LeftButton)
        await window.generation.task(planned)

    qrun(scenario)
    assert len([n for n in window.service.get_goal(planned).roadmap.nodes if n.label.startswith("Tree part")]) == 3


def test_after_creating_a_goal_the_window_offers_to_generate_with_context(qtbot, window, llm, llm_server, qrun):
    llm_server.script(Reply(content=milestone_lines(6)))

    async def scenario():
        dialog = window.goals.goal_actions.new_goal()
        dialog.title_edit.setText("Learn Rust")
        dialog.target_edit.setText("2026-09-30")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        await until(lambda: window.generation.offer is not None and window.generation.offer.isVisible())
        offer = window.generation.offer
        offer.context_edit.setFocus()
        qtbot.keyClicks(offer.context_edit, "I know C; 4 hours a week")
        qtbot.mouseClick(offer.generate_button, Qt.MouseButton.LeftButton)
        (goal,) = window.service.list_goals(search="Learn Rust")
        goal_id = goal.id
        await until(lambda: window.generation.task(goal_id) is not None)
        await window.generation.task(goal_id)
        return goal_id

    goal_id = qrun(scenario)
    goal = window.service.get_goal(goal_id)
    assert goal.title == "Learn Rust" and len(goal.roadmap.nodes) == 6
    prompt = llm_server.requests[-1]["body"]["messages"][-1]["content"]
    assert "About me: I know C; 4 hours a week" in prompt and "Target date: 2026-09-30" in prompt


def test_no_offer_without_a_provider_and_not_now_generates_nothing(qtbot, window, ai_env, llm_server):
    dialog = window.goals.goal_actions.new_goal()
    dialog.title_edit.setText("Plain goal")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert window.generation.offer is None
    ai_settings.save_settings(ai_settings.ProviderSettings(preset="custom", base_url=llm_server.base_url, model="test-model"))
    dialog = window.goals.goal_actions.new_goal()
    dialog.title_edit.setText("Another goal")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    offer = window.generation.offer
    assert offer is not None and offer.isVisible()
    not_now = next(b for b in offer.buttons.buttons() if b.text() == "Not now")
    qtbot.mouseClick(not_now, Qt.MouseButton.LeftButton)
    assert not offer.isVisible() and llm_server.requests == []

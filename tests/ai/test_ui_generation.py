"""The generation controller, status bar and provider dialog on a qasync loop, against the loopback server."""

import asyncio
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from goals_desktop.ai import settings as ai_settings
from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext
from tests.support.openai_server import Reply, milestone_lines


async def until(condition, timeout=10.0):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        await asyncio.sleep(0.01)


@pytest.fixture
def generation_host(qtbot, service, provider):
    from goals_desktop.ui.generation import GenerationController
    from goals_desktop.ui.generation_strip import GenerationStatusBar

    ai_settings.save_settings(provider)
    host = QWidget()
    qtbot.addWidget(host)
    editor = RoadmapEditor(PanelContext(service, QUndoStack(host)))
    controller = GenerationController(editor.context, editor, host)
    bar = GenerationStatusBar(controller)
    layout = QVBoxLayout(host)
    layout.addWidget(editor)
    layout.addWidget(bar)
    host.resize(1000, 700)
    host.show()
    qtbot.waitExposed(host)
    host.editor, host.controller, host.bar = editor, controller, bar
    return host


def test_nodes_stream_into_scene_then_one_undo_step(generation_host, service, seed_goal, llm_server, qrun, qtbot):
    [goal] = service.import_goals([seed_goal])
    old = service.get_goal(goal.id).roadmap.to_dict()
    editor, controller = generation_host.editor, generation_host.controller
    editor.show_goal(goal.id)
    llm_server.script(Reply(content=milestone_lines(8), tokens_per_second=300))
    preview_counts = []

    async def scenario():
        task = controller.start(goal.id)
        assert controller.cancel_action.isEnabled() and not controller.regenerate_action.isEnabled()
        await until(lambda: len(editor.scene.preview_nodes) >= 2)
        preview_counts.append(len(editor.scene.preview_nodes))
        assert not task.done() and service.get_goal(goal.id).roadmap.to_dict() == old
        assert generation_host.bar.cancel_button.isVisible() and "tokens" in generation_host.bar.tokens.text()
        await task

    qrun(scenario)
    assert preview_counts[0] < 9
    saved = service.get_goal(goal.id).roadmap
    assert [n.label for n in saved.nodes] == ["Complete Python basics"] + [f"Milestone {i}" for i in range(1, 9)]
    assert saved.nodes[0].id == "node_1" and saved.nodes[0].completed
    assert set(editor.scene.nodes) == {n.id for n in saved.nodes} and not editor.scene.preview_nodes
    assert "9 milestones" in generation_host.bar.text.text() and not generation_host.bar.cancel_button.isVisible()
    assert editor.undo_stack.count() == 1
    editor.undo_stack.undo()
    assert service.get_goal(goal.id).roadmap.to_dict() == old
    editor.undo_stack.redo()
    assert len(service.get_goal(goal.id).roadmap.nodes) == 9


def test_cancel_button_keeps_old_roadmap(generation_host, service, seed_goal, llm_server, qrun, qtbot):
    [goal] = service.import_goals([seed_goal])
    old = service.get_goal(goal.id).roadmap.to_dict()
    generation_host.editor.show_goal(goal.id)
    llm_server.script(Reply(content=milestone_lines(30), tokens_per_second=200))

    async def scenario():
        task = generation_host.controller.start(goal.id)
        await until(lambda: len(generation_host.editor.scene.preview_nodes) >= 1)
        qtbot.mouseClick(generation_host.bar.cancel_button, Qt.MouseButton.LeftButton)
        await asyncio.gather(task, return_exceptions=True)
        assert task.cancelled()
        await until(lambda: llm_server.closed_streams == 1)

    qrun(scenario)
    assert service.get_goal(goal.id).roadmap.to_dict() == old
    assert not generation_host.editor.is_previewing() and set(generation_host.editor.scene.nodes) == {"node_1", "node_2"}
    assert "cancelled" in generation_host.bar.text.text() and generation_host.editor.undo_stack.count() == 0


def test_shutdown_mid_stream_cancels_cleanly(generation_host, service, goal, llm_server, qrun):
    generation_host.editor.show_goal(goal.id)
    llm_server.script(Reply(content=milestone_lines(30), tokens_per_second=200))

    async def scenario():
        task = generation_host.controller.start(goal.id)
        await until(lambda: generation_host.editor.scene.preview_nodes)
        await generation_host.controller.shutdown()
        assert task.done() and not generation_host.controller.generate_action.isEnabled()
        await until(lambda: llm_server.closed_streams == 1)

    qrun(scenario)
    assert service.get_goal(goal.id).roadmap is None


def test_partial_asks_without_blocking_and_keeps(generation_host, service, goal, llm_server, qrun, qtbot):
    generation_host.editor.show_goal(goal.id)
    llm_server.script(Reply(content=milestone_lines(6) + '{"id": "m7", "la', finish_reason="length"))

    async def scenario():
        task = generation_host.controller.start(goal.id)
        await until(lambda: any(w.objectName() == "keepPartialDialog" and w.isVisible() for w in QApplication.topLevelWidgets()))
        box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "keepPartialDialog" and w.isVisible())
        assert "output limit" in box.text() and service.get_goal(goal.id).roadmap is None
        keep = next(b for b in box.buttons() if b.text() == "Keep")
        qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
        await task

    qrun(scenario)
    assert len(service.get_goal(goal.id).roadmap.nodes) == 6


def test_two_goals_while_browsing_and_retry_after_error(generation_host, service, llm_server, qrun, qtbot):
    a, b, c = (service.create_goal(t) for t in ("A", "B", "C"))
    generation_host.editor.show_goal(c.id)
    llm_server.script(
        Reply(content=milestone_lines(6, "Alpha"), tokens_per_second=300),
        Reply(status=500),
    )

    async def scenario():
        first = generation_host.controller.start(a.id)
        await until(lambda: llm_server.active_streams == 1)  # so A gets the first scripted reply
        second = generation_host.controller.start(b.id)
        assert generation_host.controller.is_busy(a.id) and generation_host.controller.is_busy(b.id)
        await asyncio.gather(first, second)
        assert not generation_host.editor.scene.preview_nodes  # C was shown all along: no preview on it

    qrun(scenario)
    assert len(service.get_goal(a.id).roadmap.nodes) == 6 and service.get_goal(b.id).roadmap is None
    generation_host.editor.show_goal(b.id)
    generation_host.controller.goal_shown()
    assert "internal error" in generation_host.bar.text.text() and generation_host.bar.retry_button.isVisible()
    llm_server.script(Reply(content=milestone_lines(6, "Beta")))

    async def retry():
        qtbot.mouseClick(generation_host.bar.retry_button, Qt.MouseButton.LeftButton)
        await generation_host.controller.task(b.id)

    qrun(retry)
    assert service.get_goal(b.id).roadmap.nodes[0].label == "Beta 1"


def test_first_use_opens_provider_dialog(generation_host, service, goal, llm_server, ai_env, qrun, qtbot):
    (ai_env / "ai.json").unlink()
    generation_host.editor.show_goal(goal.id)
    llm_server.script(Reply(content=milestone_lines(6)))

    async def scenario():
        assert generation_host.controller.start(goal.id) is None
        dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "providerDialog" and w.isVisible())
        dialog.base_url.setText(llm_server.base_url)
        models = await dialog.load_models()
        assert models == ["other-model", "test-model"]
        dialog.model.setCurrentText("test-model")
        assert await dialog.test() and "Connected" in dialog.result.text()
        dialog.api_key.setText("sk-dialog-key")
        dialog.save()
        await until(lambda: generation_host.controller.task(goal.id) is not None)
        await generation_host.controller.task(goal.id)

    qrun(scenario)
    assert len(service.get_goal(goal.id).roadmap.nodes) == 6
    assert llm_server.requests[-1]["headers"]["authorization"] == "Bearer sk-dialog-key"
    assert "sk-dialog" not in (ai_env / "ai.json").read_text()

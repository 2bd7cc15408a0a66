"""AI generation inside the real window, on a qasync loop, against the loopback OpenAI server."""

import asyncio
import time

from tests.support.openai_server import Reply, milestone_lines


async def until(condition, timeout=15.0):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        await asyncio.sleep(0.01)


def test_generate_from_the_toolbar_streams_saves_and_updates_list(qtbot, window, llm, qrun):
    goal = window.service.create_goal("Learn to sail")
    window.goals.select_goal(goal.id)
    assert window.generation.generate_action in window.toolbar.actions()
    llm.script(Reply(content=milestone_lines(7), tokens_per_second=400))

    async def scenario():
        window.generation.generate_action.trigger()
        await until(lambda: len(window.editor.scene.preview_nodes) >= 2)
        assert window.service.get_goal(goal.id).roadmap is None  # nothing saved before it completes
        assert window.generation_bar.cancel_button.isVisible()
        await until(lambda: window.service.get_goal(goal.id).roadmap is not None)
        await until(lambda: len(window.editor.scene.nodes) == 7 and not window.generation.is_busy(goal.id))

    qrun(scenario)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.service.get_goal(goal.id).roadmap is None


def test_closing_the_window_mid_stream_cancels_cleanly(qtbot, qapp, window, llm, qrun, seed_goal):
    # The app would quit its loop when the last window closes; here the test owns the loop.
    qapp.setQuitOnLastWindowClosed(False)
    (goal,) = window.service.import_goals([seed_goal])
    window.goals.select_goal(goal.id)
    before = window.service.get_goal(goal.id).to_dict()
    llm.script(Reply(content=milestone_lines(12), tokens_per_second=60))

    async def scenario():
        task = window.generation.start(goal.id)
        await until(lambda: len(window.editor.scene.preview_nodes) >= 1)
        window.close()
        await asyncio.wait_for(window.shutdown(), 5)
        assert task.done()

    try:
        qrun(scenario)
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    assert window.service.get_goal(goal.id).to_dict() == before

"""The generation strip above the canvas, in the real window on a qasync loop, against the loopback
OpenAI-compatible server: the milestone count it shows is the canvas's at every moment, the token
count goes with the generation, and a finished generation's line clears itself a few seconds later."""

import asyncio
import re
import time

import pytest
from PySide6.QtCore import QSettings

from goals_desktop.ui import generation
from goals_desktop.ui.main_window import MainWindow
from tests.support.openai_server import Reply, milestone_lines

CLEAR_MS = 400


@pytest.fixture
def window(qtbot, service, tmp_path, monkeypatch):
    monkeypatch.setattr(generation, "CLEAR_AFTER_MS", CLEAR_MS)
    window = MainWindow(service, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


async def until(condition, timeout=15.0):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        await asyncio.sleep(0.005)


def shown_count(bar) -> int | None:
    match = re.match(r"Received (\d+) milestones?", bar.text.text())
    return int(match.group(1)) if match else None


def test_the_count_matches_the_canvas_then_the_line_clears(window, service, llm, qrun):
    goal = service.create_goal("Learn to sail")
    window.goals.select_goal(goal.id)
    bar, scene = window.generation_bar, window.editor.scene
    assert not bar.isVisible(), "nothing to say yet: no empty strip above the canvas"
    # A brisk stream in small chunks, so milestones and status updates interleave as with a real model.
    llm.script(Reply(content=milestone_lines(12), tokens_per_second=1500, chunk_size=3))
    samples, on_status = [], []
    on_canvas = lambda: len(scene.preview_nodes) if window.editor.is_previewing() else len(scene.nodes)  # noqa: E731
    window.generation.status_changed.connect(lambda g, text: on_status.append((text, on_canvas())))

    async def scenario():
        task = window.generation.start(goal.id)
        while not task.done():
            if window.editor.is_previewing():
                samples.append((shown_count(bar), on_canvas(), bar.tokens.isVisible()))
            await asyncio.sleep(0.002)
        await task

    qrun(scenario)
    counted = [(shown, count) for shown, count, _ in samples if shown is not None]
    assert len({count for _, count in counted}) >= 4, "the test saw the stream grow"
    assert all(shown == count for shown, count in counted), counted
    assert all(tokens for _, _, tokens in samples), "the token count shows while generating"
    for text, count in on_status:
        match = re.match(r"Received (\d+)", text)
        assert match is None or int(match.group(1)) == count, (text, count)

    # Done: the result line, no stale token count; a few seconds later the strip is gone.
    assert bar.text.text() == "Roadmap generated: 12 milestones." and len(scene.nodes) == 12
    assert bar.isVisible() and not bar.tokens.isVisible() and not bar.progress.isVisible()
    start = time.monotonic()

    async def wait_for_clear():
        await until(lambda: not bar.isVisible(), timeout=5)

    qrun(wait_for_clear)
    assert time.monotonic() - start >= CLEAR_MS / 1000 * 0.8
    assert bar.text.text() == "" and window.generation.status_of(goal.id)[:2] == ("", 0)


def test_a_failure_stays_until_retried_and_a_newer_line_is_not_cleared(window, service, llm, qrun):
    goal = service.create_goal("Learn to sail")
    window.goals.select_goal(goal.id)
    bar = window.generation_bar
    llm.script(Reply(status=500), Reply(content=milestone_lines(4), tokens_per_second=400))

    async def failing():
        await window.generation.start(goal.id)
        await asyncio.sleep(CLEAR_MS / 1000 * 2)

    qrun(failing)
    assert "internal error" in bar.text.text() and bar.retry_button.isVisible() and bar.isVisible()

    async def retried_and_regenerated():
        bar.retry_button.click()
        await window.generation.task(goal.id)
        assert bar.text.text() == "Roadmap generated: 4 milestones."
        llm.script(Reply(content=milestone_lines(5), tokens_per_second=60))
        await asyncio.sleep(CLEAR_MS / 1000 * 0.5)
        task = window.generation.start(goal.id)  # regenerate before the first line cleared
        await asyncio.sleep(CLEAR_MS / 1000 * 0.8)  # the first line's clear time passes mid-stream
        assert window.generation.is_busy(goal.id) and bar.isVisible() and bar.tokens.isVisible()
        assert bar.text.text().startswith(("Received", "Generating", "Connecting"))
        await task

    qrun(retried_and_regenerated)
    assert bar.text.text() == "Roadmap generated: 5 milestones."

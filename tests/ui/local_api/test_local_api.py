"""The window's Local API switch: served on the window's qasync loop; an API check-off shows on the
canvas, in the list and the header at once; an undo in the window is seen by the next API read."""

from __future__ import annotations

import asyncio
import socket
import time

import httpx
from PySide6.QtCore import QPointF, Qt

from goals_desktop.api.token import api_token
from goals_desktop.ui.canvas.items import NodeItem


async def until(condition, timeout=10.0):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        await asyncio.sleep(0.01)


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def test_api_check_off_shows_on_the_canvas_and_window_undo_reaches_the_api(qtbot, open_window, seed_goal, qasync_runner):
    window = open_window()
    window.service.import_goals([seed_goal])
    window.goals.select_goal("goal_123")
    qtbot.waitUntil(lambda: "node_2" in window.editor.scene.nodes)
    local_api = window.local_api
    # Off by default, and nothing of the web stack loaded by the window.
    assert not local_api.action.isChecked() and local_api.server is None
    assert local_api.action in window.file_menu.actions()
    window.settings.setValue("api/port", 0)  # any free port

    async def turn_on_and_check_off():
        local_api.action.trigger()
        await local_api.wait_idle()
        assert local_api.server is not None and local_api.url.startswith("http://127.0.0.1:")
        async with httpx.AsyncClient(base_url=local_api.url, headers={"Authorization": f"Bearer {api_token()}"}) as client:
            response = await client.patch("/api/v1/goals/goal_123/roadmap/nodes/node_2", json={"completed": True})
            assert response.status_code == 200 and response.json()["progress"] == 100
            # The service announced it on the Qt thread: canvas, header and list follow at once.
            await until(lambda: window.editor.scene.nodes["node_2"].node.completed)
            await until(lambda: window.goals.header.progress.value() == 100)
            row = window.goals.model.row_of("goal_123")
            assert window.goals.model.goal_at(row).progress == 100 and window.goals.model.goal_at(row).status == "completed"
            refused = await client.get("/api/v1/goals", headers={"Authorization": "Bearer wrong-token-123456789"})
            assert refused.status_code == 401

    qasync_runner.run(asyncio.wait_for(turn_on_and_check_off(), 30))
    assert window.settings.value("api/enabled") in (True, "true")
    assert "Local API on http://127.0.0.1:" in window.statusBar().currentMessage()

    # A check-off in the window (a real click on node_1's box) and its undo, both seen by the API.
    box = window.editor.scene.nodes["node_1"].mapToScene(NodeItem.CHECKBOX.center())
    viewport = window.editor.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=window.editor.view.mapFromScene(QPointF(box)))
    assert window.service.get_goal("goal_123").roadmap.node("node_1").completed is False

    async def read_after_undo():
        async with httpx.AsyncClient(base_url=local_api.url, headers={"Authorization": f"Bearer {api_token()}"}) as client:
            before = (await client.get("/api/v1/goals/goal_123")).json()
            assert [n["completed"] for n in before["roadmap"]["nodes"]] == [False, True] and before["progress"] == 50
            window.undo_stack.undo()
            after = (await client.get("/api/v1/goals/goal_123")).json()
            assert [n["completed"] for n in after["roadmap"]["nodes"]] == [True, True] and after["progress"] == 100

    qasync_runner.run(asyncio.wait_for(read_after_undo(), 30))

    async def turn_off():
        port = local_api.server.port
        local_api.action.trigger()
        await local_api.wait_idle()
        assert local_api.server is None and not _accepts(port)

    qasync_runner.run(asyncio.wait_for(turn_off(), 30))
    assert window.settings.value("api/enabled") in (False, "false")


def test_the_switch_comes_back_on_and_closing_the_window_stops_the_server(qtbot, qapp, open_window, qasync_runner):
    window = open_window()
    window.settings.setValue("api/port", 0)
    window.settings.setValue("api/enabled", True)

    async def restore_then_close():
        window.local_api.restore()  # what app.py does once the loop runs
        await window.local_api.wait_idle()
        assert window.local_api.action.isChecked()
        port = window.local_api.server.port
        assert _accepts(port)
        window.close()
        await asyncio.wait_for(window.shutdown(), 10)
        assert not _accepts(port)

    qapp.setQuitOnLastWindowClosed(False)
    try:
        qasync_runner.run(asyncio.wait_for(restore_then_close(), 30))
    finally:
        qapp.setQuitOnLastWindowClosed(True)
    # Closing keeps the person's choice for the next start.
    assert window.settings.value("api/enabled") in (True, "true")


def test_a_taken_port_turns_the_switch_off_with_one_sentence(qtbot, open_window, qasync_runner):
    window = open_window()
    with socket.create_server(("127.0.0.1", 0)) as taken:
        window.settings.setValue("api/port", taken.getsockname()[1])

        async def try_it():
            window.local_api.action.trigger()
            await window.local_api.wait_idle()

        qasync_runner.run(asyncio.wait_for(try_it(), 30))
    assert not window.local_api.action.isChecked() and window.local_api.server is None
    assert window.statusBar().currentMessage().startswith("The Local API did not start: Port ")
    assert window.settings.value("api/enabled") in (False, "false")


def test_copy_token_puts_the_token_on_the_clipboard(qtbot, qapp, open_window):
    window = open_window()
    window.local_api.copy_token_action.trigger()
    assert qapp.clipboard().text() == api_token()
    assert window.statusBar().currentMessage() == "The Local API token is on the clipboard."

"""Screenshots of the generation strip in the window (offscreen) into /tmp/shots/generation/:
mid-stream (count = milestones on the canvas, tokens), just after success, and after it cleared.

    python tests/ui/generation/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = Path("/tmp/shots/generation")


def main() -> None:
    from goals_desktop.ai import settings as ai_settings
    from goals_desktop.storage import Database, GoalService
    from goals_desktop.ui import generation
    from goals_desktop.ui.main_window import MainWindow
    from goals_desktop.ui.window_loop import WindowLoop
    from tests.support.openai_server import OpenAIServer, Reply, milestone_lines

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    tmp = Path(tempfile.mkdtemp())
    os.environ["GOALS_DESKTOP_CONFIG_DIR"] = str(tmp / "config")
    generation.CLEAR_AFTER_MS = 1000
    with OpenAIServer() as server:
        ai_settings.save_settings(ai_settings.ProviderSettings(preset="custom", base_url=server.base_url, model="test-model"))
        server.script(Reply(content=milestone_lines(16, "Step toward the summit"), tokens_per_second=300))
        service = GoalService(Database(tmp / "shots.sqlite3"))
        window = MainWindow(service, QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
        goal = service.create_goal("Climb Mont Blanc")
        window.show()
        window.goals.select_goal(goal.id)

        async def shot(name: str) -> None:
            await asyncio.sleep(0.05)  # let the loop paint; never processEvents() inside a coroutine
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png", "|", window.generation_bar.text.text(), "|",
                  window.generation_bar.tokens.text() if window.generation_bar.tokens.isVisible() else "(no tokens)")

        async def scenario() -> None:
            await shot("idle")
            task = window.generation.start(goal.id)
            while len(window.editor.scene.preview_nodes) < 11:
                await asyncio.sleep(0.01)
            await shot("streaming")
            await task
            await shot("generated")
            await asyncio.sleep(1.3)
            await shot("cleared")

        with asyncio.Runner(loop_factory=WindowLoop) as runner:
            runner.run(scenario())
        service.db.close()


if __name__ == "__main__":
    main()

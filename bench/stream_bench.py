"""Stream a 40-milestone roadmap at 2,000 tokens/s into a real RoadmapEditor under qasync.

Reports the longest event-loop stall while streaming against the same loop idling for the same
time with no stream (wall clock, and the CPU time the loop's thread spent in it: on a shared machine
the wall clock also counts the time other jobs held the CPU), and the delay from a milestone's last token leaving the loopback server to its
item being in the scene.

    python bench/stream_bench.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QUndoStack  # noqa: E402  (Qt before qasync)
from PySide6.QtWidgets import QApplication  # noqa: E402

MILESTONES = 40
TOKENS_PER_SECOND = 2000
TICK = 0.002


async def watch_stalls(stop: asyncio.Event) -> tuple[list[float], list[float]]:
    """Per short sleep: its lateness (how long the loop could not run anything else, wall clock), and
    the CPU time this thread spent meanwhile (the loop's own work, not the other jobs of a shared
    machine, which make the wall clock late too)."""
    lateness, busy = [], []
    while not stop.is_set():
        start, cpu = time.perf_counter(), time.thread_time()
        await asyncio.sleep(TICK)
        lateness.append(time.perf_counter() - start - TICK)
        busy.append(time.thread_time() - cpu)
        if lateness[-1] > 0.03 and os.environ.get("BENCH_DEBUG"):
            print(f"stall {lateness[-1]*1000:.0f} ms ({busy[-1]*1000:.0f} ms CPU) at {time.perf_counter():.3f}")
    return lateness, busy


async def run(app) -> dict[str, float]:
    from goals_desktop.ai import settings as ai_settings
    from goals_desktop.storage import Database, GoalService
    from goals_desktop.ui.canvas.editor import RoadmapEditor
    from goals_desktop.ui.context import PanelContext
    from goals_desktop.ui.generation import GenerationController
    from tests.support.openai_server import OpenAIServer, Reply, milestone_lines

    tmp = Path(tempfile.mkdtemp())
    os.environ["GOALS_DESKTOP_CONFIG_DIR"] = str(tmp)
    server = OpenAIServer(default=Reply(content=milestone_lines(MILESTONES), tokens_per_second=TOKENS_PER_SECOND)).start()
    ai_settings.save_settings(ai_settings.ProviderSettings("custom", server.base_url, "test-model"))
    service = GoalService(Database(tmp / "bench.sqlite3"))
    goal = service.create_goal("Benchmark goal")
    context = PanelContext(service, QUndoStack())
    editor = RoadmapEditor(context)
    editor.resize(1200, 800)
    editor.show()
    editor.show_goal(goal.id)
    controller = GenerationController(context, editor)

    in_scene: list[float] = []
    original = editor.preview_add_node

    def timed_add(node, depends_on, **options):
        original(node, depends_on, **options)
        in_scene.append(time.perf_counter())

    editor.preview_add_node = timed_add

    import openai  # noqa: F401  (import cost is not part of the stream)
    import goals_desktop.ai.generate  # noqa: F401  (nor is ours: an installed copy imports it from bytecode, here it may be compiled)

    # Baseline: the same loop and editor, no stream.
    stop = asyncio.Event()
    watcher = asyncio.ensure_future(watch_stalls(stop))
    await asyncio.sleep(1.5)
    stop.set()
    idle, idle_busy = await watcher

    stop = asyncio.Event()
    watcher = asyncio.ensure_future(watch_stalls(stop))
    started = time.perf_counter()
    if os.environ.get("BENCH_DEBUG"):
        print(f"start {started:.3f}")
    await controller.start(goal.id)
    elapsed = time.perf_counter() - started
    stop.set()
    streaming, streaming_busy = await watcher
    server.stop()

    delays = [added - sent for sent, added in zip(server.line_sent_times, in_scene)]
    assert len(service.get_goal(goal.id).roadmap.nodes) == MILESTONES
    return {
        "elapsed": elapsed,
        "idle_max": max(idle),
        "stream_max": max(streaming),
        "stream_p99": sorted(streaming)[int(len(streaming) * 0.99)],
        "idle_p99": sorted(idle)[int(len(idle) * 0.99)],
        "busy_max": max(streaming_busy),
        "busy_p99": sorted(streaming_busy)[int(len(streaming_busy) * 0.99)],
        "idle_busy_max": max(idle_busy),
        "delay_median": statistics.median(delays),
        "delay_max": max(delays),
        "nodes": len(delays),
    }


def main() -> None:
    from goals_desktop.ui.window_loop import WindowLoop

    app = QApplication.instance() or QApplication([])
    with asyncio.Runner(loop_factory=WindowLoop) as runner:
        r = runner.run(run(app))
    ms = 1000
    print(f"{MILESTONES} milestones at {TOKENS_PER_SECOND} tokens/s streamed in {r['elapsed']:.2f} s into a RoadmapEditor (qasync)")
    print(f"longest loop stall: {r['stream_max'] * ms:.1f} ms streaming vs {r['idle_max'] * ms:.1f} ms idle "
          f"({r['stream_max'] / max(r['idle_max'], 1e-6):.1f}x); p99 {r['stream_p99'] * ms:.1f} ms vs {r['idle_p99'] * ms:.1f} ms")
    print(f"longest loop step in CPU time (this thread, between two ticks): {r['busy_max'] * ms:.1f} ms streaming "
          f"vs {r['idle_busy_max'] * ms:.1f} ms idle; p99 {r['busy_p99'] * ms:.1f} ms")
    print(f"last token -> item in scene: median {r['delay_median'] * ms:.1f} ms, max {r['delay_max'] * ms:.1f} ms "
          f"over {r['nodes']} milestones (median = {r['delay_median'] / max(r['idle_max'], 1e-6):.1f}x the idle loop's longest stall)")


if __name__ == "__main__":
    main()

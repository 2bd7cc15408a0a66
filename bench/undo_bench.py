"""What exact undo costs a check-off: python bench/undo_bench.py [rounds]

On a 10-milestone goal whose milestone has a todo with 5 subtasks (so every check-off spreads to
6 rows), in the same run and on the same file:
  plain   - service.update_nodes(...) back and forth (the baseline: the service call alone)
  step    - the window's step: push(EditNodesCommand) (records what the rules overwrote)
  undo    - QUndoStack.undo() of that step (its call also gives back what was overwritten)
Each is reported as a ratio to plain; CPU time of this process (the machine is shared).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from timing import CPU, per_call  # noqa: E402

from goals_desktop.storage import Database, GoalService  # noqa: E402
from goals_desktop.ui.commands.roadmap import EditNodesCommand  # noqa: E402
from goals_desktop.ui.commands.runner import push  # noqa: E402


def main() -> None:
    rounds = 2 * (int(sys.argv[1]) // 2 if len(sys.argv) > 1 else 150)
    _app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        service = GoalService(Database(Path(folder) / "bench.sqlite3"))
        nodes = [{"id": f"n{i}", "label": f"Step {i}", "position": {"x": 0, "y": 100 * i}} for i in range(10)]
        (goal,) = service.import_goals([{"title": "Bench", "roadmap": {"nodes": nodes, "edges": []}}])
        todo = service.todo_from_node(goal.id, "n0")
        for i in range(5):
            service.add_subtask(todo.id, f"Part {i}")
        service.set_subtask_completed(todo.id, 0, True)  # a mix the check-off overwrites

        def plain(i: int) -> None:
            service.update_nodes(goal.id, {"n0": {"completed": i % 2 == 0}})

        stack = QUndoStack()

        def step(i: int) -> None:
            done = i % 2 == 0
            push(stack, EditNodesCommand(service, goal.id, {"n0": {"completed": not done}}, {"n0": {"completed": done}}, "Check"))

        samples = {"plain": [], "step": [], "undo": []}
        for _ in range(5):  # interleaved, so a busy moment of the machine hits all three alike
            samples["plain"].append(per_call(plain, rounds, CPU))  # ends unchecked (rounds is even)
            stack.clear()
            samples["step"].append(per_call(step, rounds, CPU))
            samples["undo"].append(per_call(lambda i: stack.undo(), rounds, CPU))
        stack.clear()
        service.db.close()
    base = statistics.median(samples["plain"])
    print(f"check-off through the service: {base * 1e3:.2f} ms (baseline)")
    for name in ("step", "undo"):
        value = statistics.median(samples[name])
        print(f"{name:>5}: {value * 1e3:.2f} ms  = {value / base:.2f} x baseline")


if __name__ == "__main__":
    main()

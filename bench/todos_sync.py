"""How long todo sync takes on a big roadmap, as ratios against checking one node with no todos.

Run: python bench/todos_sync.py [MILESTONES]
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_time  # noqa: E402

from goals_desktop.storage import Database, GoalService  # noqa: E402

REPEATS = 5


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as folder:
        database = Database(Path(folder) / "bench.sqlite3")
        service = GoalService(database)
        roadmap = {
            "nodes": [{"id": f"n{i}", "label": f"Milestone {i}"} for i in range(size)],
            "edges": [{"source": f"n{i}", "target": f"n{i + 1}"} for i in range(size - 1)],
        }
        plain = service.create_goal("No todos")
        service.set_roadmap(plain.id, roadmap)
        linked = service.create_goal("With todos")
        service.set_roadmap(linked.id, roadmap)
        todo = service.todos_from_roadmap(linked.id)
        state = {"flag": False}

        def toggle_plain():
            state["flag"] = not state["flag"]
            service.update_node(plain.id, "n0", completed=state["flag"])

        def toggle_linked_node():
            state["flag"] = not state["flag"]
            service.update_node(linked.id, "n0", completed=state["flag"])

        def toggle_subtask():
            state["flag"] = not state["flag"]
            service.set_subtask_completed(todo.id, 0, state["flag"])

        def toggle_whole_todo():
            state["flag"] = not state["flag"]
            service.set_todo_completed(todo.id, state["flag"])

        baseline = median_time(toggle_plain, REPEATS)
        print(f"{size} milestones; baseline: check one node of a goal without todos = {baseline * 1000:.1f} ms")
        for name, call in (
            ("check a node linked to a subtask", toggle_linked_node),
            ("tick one subtask (node follows)", toggle_subtask),
            (f"check the whole todo ({size} subtasks and nodes follow)", toggle_whole_todo),
            ("send the roadmap to todos again (update)", lambda: service.todos_from_roadmap(linked.id)),
        ):
            print(f"  {name}: {median_time(call, REPEATS) / baseline:.1f}x baseline")
        database.close()


if __name__ == "__main__":
    main()

"""Screenshots of the roadmap canvas (offscreen) into /tmp/shots/canvas/: python tests/ui/canvas/screenshots.py"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtGui import QColor, QPalette, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from goals_desktop.domain.models import Node  # noqa: E402
from goals_desktop.storage import Database, GoalService  # noqa: E402
from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.context import PanelContext  # noqa: E402

OUT = Path("/tmp/shots/canvas")

TOPICS = [
    "Python basics", "NumPy and pandas", "Linear algebra", "Calculus refresher", "Probability",
    "Statistics", "Data cleaning", "Visualisation with matplotlib", "Linear regression",
    "Logistic regression", "Gradient descent", "Regularisation", "Decision trees", "Random forests",
    "Gradient boosting", "Cross-validation", "Feature engineering", "k-means clustering", "PCA",
    "Model evaluation metrics", "Neural network basics", "Backpropagation by hand", "PyTorch tensors",
    "Training loops", "CNNs for images", "Transfer learning", "RNNs and sequences", "Attention",
    "Transformers", "Tokenisation", "Fine-tune a small LLM", "Embeddings and search", "Experiment tracking",
    "Hyperparameter search", "Project 1: house prices", "Project 2: image classifier",
    "Project 3: text classifier", "Write up project 1", "Write up project 2", "Write up project 3",
    "Deploy a model as an API", "Docker basics", "Monitoring in production", "Data versioning",
    "Read 'Deep Learning' ch. 1–5", "Kaggle competition", "Study group presentation", "SQL for analysts",
    "Time series basics", "Recommender systems", "Reinforcement learning intro", "Bayesian thinking",
    "Causal inference primer", "Ethics and fairness", "Portfolio website", "Mock interviews",
    "Apply for internships", "Open-source contribution", "Final review", "Celebrate",
]


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#2b2d30",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#35373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#4c8dff",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#8a8d91",
        QPalette.ColorRole.ToolTipBase: "#35373b", QPalette.ColorRole.ToolTipText: "#e6e6e6",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#7a7c80"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#7a7c80"))
    return palette


def generated_roadmap(count: int = 60, seed: int = 7) -> dict:
    rng = random.Random(seed)
    nodes, edges = [], []
    for index in range(count):
        node = {"id": f"n{index}", "label": TOPICS[index % len(TOPICS)], "completed": index < count // 4 and rng.random() < 0.8}
        if rng.random() < 0.6:
            node["estimated_time"] = rng.choice(["3 days", "1 week", "2 weeks", "a weekend", "1 month"])
        if rng.random() < 0.25:
            node["due_date"] = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        nodes.append(node)
        if index:
            for parent in rng.sample(range(max(0, index - 8), index), k=min(index, rng.choice([1, 1, 2]))):
                edges.append({"source": f"n{parent}", "target": f"n{index}"})
    return {"nodes": nodes, "edges": edges}


LONG_LABELS = [
    ("Strength and mobility twice a week", "3 months"),
    ("Walk 10,000 steps a day, with one longer hike every weekend in hilly country", "6 weeks"),
    ("Book the hut", None),
    ("Learn to read a topographic map and plan a route with a compass and altimeter, then practise it "
     "on three different hikes in bad weather with a friend who knows the area", "1 month"),
    ("Antidisestablishmentarianism-length-words-that-never-end-anywhere", None),
    ("登山前に地図とコンパスの使い方を学び、天気の悪い日にも三回練習する", "2 weeks"),
]


def long_label_roadmap() -> dict:
    nodes = [{"id": f"l{i}", "label": label, **({"estimated_time": time} if time else {}), "completed": i == 2}
             for i, (label, time) in enumerate(LONG_LABELS)]
    edges = [{"source": "l0", "target": "l1"}, {"source": "l0", "target": "l2"}, {"source": "l1", "target": "l3"},
             {"source": "l2", "target": "l3"}, {"source": "l3", "target": "l4"}, {"source": "l3", "target": "l5"}]
    return {"nodes": nodes, "edges": edges}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    light = app.palette()
    with tempfile.TemporaryDirectory() as folder:
        service = GoalService(Database(Path(folder) / "shots.sqlite3"))
        seed = service.import_goals([{
            "id": "goal_123", "title": "Learn Machine Learning", "target_date": "2026-12-31T00:00:00Z",
            "roadmap": {"nodes": [
                {"id": "node_1", "label": "Complete Python basics", "completed": True, "position": {"x": 100, "y": 100}},
                {"id": "node_2", "label": "Study linear algebra", "completed": False, "position": {"x": 200, "y": 100}},
            ], "edges": [{"id": "edge_1", "source": "node_1", "target": "node_2"}]},
        }])[0]
        big = service.create_goal("Become an ML engineer")
        service.set_roadmap(big.id, generated_roadmap())
        long_labels = service.create_goal("Get fit for the mountains")
        service.set_roadmap(long_labels.id, long_label_roadmap())

        editor = RoadmapEditor(PanelContext(service, QUndoStack()))
        editor.resize(1280, 800)
        editor.show()

        def shot(name: str) -> None:
            app.processEvents()
            editor.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")

        for theme, palette in (("light", light), ("dark", dark_palette())):
            app.setPalette(palette)
            editor.show_goal(seed.id)
            shot(f"seed_{theme}")
            editor.tidy_layout()
            shot(f"seed_tidied_{theme}")
            editor.undo_stack.undo()
            editor.show_goal(long_labels.id)
            editor.view.set_zoom(1.0)
            shot(f"long_labels_{theme}")
            editor.show_goal(big.id)
            shot(f"roadmap60_{theme}")
            node_id = "n20"
            service.update_node(big.id, node_id, details=["Derive the chain rule", "Code a tiny MLP"],
                                resources=["CS231n notes", "Karpathy: micrograd"], notes="Do it on paper first.",
                                estimated_time="1 week", due_date="2026-04-15")
            editor.select_node(node_id)
            editor.zoom_to_selection()
            shot(f"details_{theme}")
            editor.view.set_zoom(0.3)
            shot(f"zoomed_out_{theme}")
            editor.show_goal(None)
            shot(f"no_goal_{theme}")
            editor.show_goal(seed.id)
            editor.begin_preview()
            for index in range(7):
                parents = [f"p{index - 1}"] if index else []
                if index >= 3:
                    parents.append(f"p{index - 3}")
                editor.preview_add_node(Node(id=f"p{index}", label=TOPICS[index], estimated_time="1 week"), parents)
            shot(f"preview_{theme}")
            editor.end_preview()
        service.db.close()


if __name__ == "__main__":
    main()

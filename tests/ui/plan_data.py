"""A goal with a real-looking plan, shared by the plan tests and screenshots (today pinned to 2026-03-02).

Critical path: la -> stats -> lr -> nn -> p2 -> deploy (finish 2026-07-04, 4 days after the target);
py is done; np has a due date the user set, already past (overdue); trees' estimate is unreadable.
"""

from __future__ import annotations

from pathlib import Path

from goals_desktop.storage import Database, GoalService

TODAY = "2026-03-02"
CRITICAL = ["la", "stats", "lr", "nn", "p2", "deploy"]

PLAN = {
    "title": "Learn Machine Learning",
    "description": "Master ML fundamentals and build 3 projects, one of them deployed.",
    "target_date": "2026-06-30",
    "roadmap": {
        "nodes": [
            {"id": "py", "label": "Python basics", "estimated_time": "2 weeks", "completed": True},
            {"id": "np", "label": "NumPy and pandas", "estimated_time": "10 days", "due_date": "2026-02-27"},
            {"id": "la", "label": "Linear algebra refresher", "estimated_time": "3 weeks"},
            {"id": "stats", "label": "Probability and statistics", "estimated_time": "1 month"},
            {"id": "lr", "label": "Linear and logistic regression", "estimated_time": "2-3 weeks"},
            {"id": "trees", "label": "Decision trees and forests", "estimated_time": "soon-ish"},
            {"id": "nn", "label": "Neural network basics", "estimated_time": "1 month"},
            {"id": "p1", "label": "Project 1: house prices", "estimated_time": "2 weeks"},
            {"id": "p2", "label": "Project 2: image classifier", "estimated_time": "3 weeks"},
            {"id": "deploy", "label": "Deploy a model as an API", "estimated_time": "a weekend"},
        ],
        "edges": [
            {"source": "py", "target": "np"}, {"source": "py", "target": "la"}, {"source": "la", "target": "stats"},
            {"source": "np", "target": "lr"}, {"source": "stats", "target": "lr"}, {"source": "lr", "target": "trees"},
            {"source": "lr", "target": "nn"}, {"source": "trees", "target": "p1"}, {"source": "nn", "target": "p2"},
            {"source": "p1", "target": "deploy"}, {"source": "p2", "target": "deploy"},
        ],
    },
}


def populated_service(folder: Path) -> tuple[GoalService, str]:
    return populate(GoalService(Database(folder / "goals.sqlite3")))


def populate(service: GoalService) -> tuple[GoalService, str]:
    (goal,) = service.import_goals([PLAN])
    service.create_goal("Run a half marathon", "Sub 2 hours", "2026-10-01")
    other = service.create_goal("Read 20 books", target_date="2026-12-31")
    service.set_roadmap(other.id, {"nodes": [{"id": "a", "label": "Pick the list", "estimated_time": "1 day"}], "edges": []})
    todo = service.create_todo("Book a GPU for project 2", due_date="2026-04-20", goal_id=goal.id)
    service.update_todo(todo.id, notes="Ask the lab first; cloud as a fallback.")
    service.create_todo("Renew library card", due_date="2026-02-20")
    return service, goal.id

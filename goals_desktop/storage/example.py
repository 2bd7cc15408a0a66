"""The example goal a fresh database starts with, so the first launch shows what the app does."""

from __future__ import annotations

from datetime import date, timedelta

from goals_desktop.domain.models import Goal

from .service import GoalService

EXAMPLE_TITLE = "Example: Run a 10 km race"

_MILESTONES = [
    ("m1", "Get running shoes and a plan", True, ["Get fitted at a running shop", "Pick a 10-week beginner plan", "Block 3 runs a week in the calendar"], "1 week", []),
    ("m2", "Run 3 x 20 minutes a week", True, ["Run/walk intervals", "Keep an easy, talking pace", "Log every run"], "3 weeks", ["m1"]),
    ("m3", "Add one longer run each week", False, ["Add 10 % a week", "Stretch afterwards", "Rest day after the long run"], "3 weeks", ["m2"]),
    ("m4", "Strength and mobility twice a week", False, ["Squats, lunges, planks", "15 minutes is enough", "Foam-roll calves"], "ongoing", ["m2"]),
    ("m5", "Run 10 km in training", False, ["Slow and steady", "Practise race-day breakfast", "Try the race shoes"], "2 weeks", ["m3", "m4"]),
    ("m6", "Race day", False, ["Lay out kit the night before", "Start slower than you want", "Enjoy the finish"], "1 day", ["m5"]),
]


def create_example_goal(service: GoalService, today: date | None = None) -> Goal:
    """One example goal with a hand-made six-milestone roadmap (laid out automatically)."""
    today = today or date.today()
    goal = service.create_goal(
        EXAMPLE_TITLE,
        "This is an example — check milestones off, drag them around, or delete this goal and make your own.",
        (today + timedelta(days=70)).isoformat(),
    )
    roadmap = {
        "nodes": [
            {"id": node_id, "label": label, "completed": done, "details": steps, "estimated_time": time}
            for node_id, label, done, steps, time, _ in _MILESTONES
        ],
        "edges": [
            {"id": f"e_{source}_{node_id}", "source": source, "target": node_id}
            for node_id, *_, depends_on in _MILESTONES
            for source in depends_on
        ],
    }
    return service.set_roadmap(goal.id, roadmap).goal

"""A small dated plan for the planned-date exports (today pinned to 2026-03-02).

a (done) -> b (1 week) -> c (3 days, due 2026-03-20 set by the user) -> d (2 days); target 2026-03-31.
Worked out by hand: d must be done by the target (2026-03-31); c is fixed on 2026-03-20 and takes
3 days, so b must be done by 2026-03-17; a is done and has no date. Without the target, d is
planned for the projected finish: c ends 2026-03-20, d takes 2026-03-21 and 22.
"""

from __future__ import annotations

from datetime import date

TODAY = "2026-03-02"
PLANNED = {"b": date(2026, 3, 17), "d": date(2026, 3, 31)}
PLANNED_WITHOUT_TARGET = {"b": date(2026, 3, 17), "d": date(2026, 3, 22)}

DATED_PLAN = {
    "title": "Plant a hedge",
    "target_date": "2026-03-31T00:00:00Z",
    "roadmap": {
        "nodes": [
            {"id": "a", "label": "Measure the border", "completed": True, "estimated_time": "1 week"},
            {"id": "b", "label": "Order the plants", "estimated_time": "1 week"},
            {"id": "c", "label": "Dig the trench", "estimated_time": "3 days", "due_date": "2026-03-20"},
            {"id": "d", "label": "Plant and water", "estimated_time": "2 days"},
        ],
        "edges": [
            {"id": "e1", "source": "a", "target": "b"},
            {"id": "e2", "source": "b", "target": "c"},
            {"id": "e3", "source": "c", "target": "d"},
        ],
    },
}

"""Request bodies and the documented answer shapes of the Goals API (pydantic, for the OpenAPI schema).

Bodies check JSON types only (strict: "true" is not true); what the text may say (blank titles,
dates, control characters, lengths) is checked by the domain rules, so every face gives the same
sentence. Answers are the domain objects' own to_dict() shapes; the models here describe them, and the
Schemathesis test checks every answer against them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from goals_desktop.domain.errors import ValidationError
from goals_desktop.domain.statuses import STATUSES
from goals_desktop.domain.todos import TODO_KINDS

Status = Literal[STATUSES]  # type: ignore[valid-type]
TodoKind = Literal[TODO_KINDS]  # type: ignore[valid-type]

_DATE = "ISO 8601 date or date-time, e.g. 2026-12-31 or 2026-12-31T00:00:00Z; stored and answered in UTC with Z."


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- answers ------------------------------------------------------------------------------------


class ErrorOut(_Answer):
    detail: str = Field(description="One sentence saying what is wrong and, where it helps, what to do.")


class PositionOut(_Answer):
    x: float
    y: float


class NodeDataOut(_Answer):
    """React Flow's node data as GAIA's web app types it (NodeData), equal to the node's own fields."""

    id: str
    label: str
    isComplete: bool
    details: list[str]
    estimatedTime: list[str] = Field(description="The estimated time as a one-item list (empty when none).")
    resources: list[str]


class NodeOut(_Answer):
    id: str
    label: str
    completed: bool
    position: PositionOut | None
    details: list[str]
    estimated_time: str
    resources: list[str]
    due_date: str | None
    notes: str
    data: NodeDataOut
    planned_start: str | None = Field(None, description="From the schedule (goal answers only); null when done.")
    planned_due: str | None = Field(None, description="From the schedule (goal answers only); null when done.")
    critical: bool = Field(False, description="On the schedule's critical path (goal answers only).")


class EdgeOut(_Answer):
    id: str
    source: str
    target: str


class RoadmapOut(_Answer):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class ScheduleOut(_Answer):
    """The goal's schedule seen from today, as `goals show --json` prints it."""

    projected_finish: str
    slack_days: int
    on_track: bool


class GoalSummaryOut(_Answer):
    id: str
    title: str
    description: str | None
    target_date: str | None
    progress: int = Field(ge=0, le=100)
    status: Status
    created_at: str
    schedule: ScheduleOut | None = Field(description="null when the goal has no roadmap (or it cannot be scheduled).")


class GoalOut(GoalSummaryOut):
    roadmap: RoadmapOut | None
    updated_at: str


class NodeCheckOut(_Answer):
    id: str
    progress: int = Field(ge=0, le=100)
    status: Status
    roadmap: RoadmapOut


class SubtaskOut(_Answer):
    id: str
    title: str
    completed: bool
    node_id: str | None
    node_label: str | None
    order: int


class TodoOut(_Answer):
    id: str
    title: str
    notes: str
    completed: bool
    due_date: str | None
    goal_id: str | None
    goal_title: str | None
    node_id: str | None
    node_label: str | None
    kind: TodoKind
    order: int
    subtasks: list[SubtaskOut]
    created_at: str
    updated_at: str


# -- request bodies ----------------------------------------------------------------------------


class GoalCreate(_Body):
    title: str = Field(json_schema_extra={"minLength": 1}, examples=["Learn Machine Learning"])
    description: str | None = Field(None, examples=["Master ML fundamentals and build 3 projects"])
    target_date: str | None = Field(None, description=_DATE, examples=["2026-12-31T00:00:00Z"])


class GoalUpdate(_Body):
    """Only the fields given change; null clears description or target_date."""

    title: str = Field(None, json_schema_extra={"minLength": 1})
    description: str | None = None
    target_date: str | None = Field(None, description=_DATE)
    status: Status = None


class NodeUpdate(_Body):
    completed: bool = Field(True, description="true checks the milestone off, false reopens it; true when absent.")
    is_complete: bool = Field(None, description="The same as completed, as GAIA's web client sends it; both given must agree.")

    def checked(self) -> bool:
        given = self.model_fields_set
        if "is_complete" in given:
            if "completed" in given and self.completed != self.is_complete:
                raise ValidationError("'completed' and 'is_complete' disagree; send one of them.")
            return self.is_complete
        return self.completed


class TodoCreate(_Body):
    title: str = Field(json_schema_extra={"minLength": 1})
    notes: str | None = None
    due_date: str | None = Field(None, description=_DATE)
    goal_id: str | None = Field(None, description="Link the todo to this goal.")
    node_id: str | None = Field(None, description="Link the todo to this milestone of goal_id (it takes its state).")
    subtasks: list[str] | None = Field(None, description="Subtask titles, in order.")


class TodoUpdate(_Body):
    """Fields to change, or `completed` alone (checking a todo checks its subtasks and linked milestones)."""

    title: str = Field(None, json_schema_extra={"minLength": 1})
    notes: str | None = None
    due_date: str | None = Field(None, description=_DATE)
    goal_id: str | None = Field(None, description="null unlinks the todo from its goal.")
    node_id: str | None = Field(None, description="null unlinks the todo from its milestone.")
    completed: bool = None


class SubtaskUpdate(_Body):
    """A new title, or `completed` alone (its milestone and its todo follow)."""

    title: str = Field(None, json_schema_extra={"minLength": 1})
    completed: bool = None

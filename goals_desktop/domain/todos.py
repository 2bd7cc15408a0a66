"""Todos and their subtasks, optionally linked to a goal's roadmap milestones. No Qt, no SQL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import rules
from .errors import NotFoundError, ValidationError

# How a todo came to be: typed in by hand, made from one milestone, or from a whole roadmap.
TODO_KINDS = ("manual", "milestone", "roadmap")
SUBTASKS_MAX = 500


@dataclass(slots=True)
class Subtask:
    id: str
    todo_id: str
    title: str
    completed: bool = False
    node_id: str | None = None
    order: int = 0
    node_label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "completed": self.completed,
            "node_id": self.node_id,
            "node_label": self.node_label,
            "order": self.order,
        }


@dataclass(slots=True)
class Todo:
    id: str
    title: str
    notes: str = ""
    completed: bool = False
    due_date: str | None = None
    goal_id: str | None = None
    node_id: str | None = None
    kind: str = "manual"
    order: int = 0
    created_at: str = ""
    updated_at: str = ""
    subtasks: list[Subtask] = field(default_factory=list)
    # Shown next to the links so a list needs no second lookup; None when not linked.
    goal_title: str | None = None
    node_label: str | None = None

    def subtask(self, index_or_id: int | str) -> Subtask:
        """A subtask by 0-based position or by id; NotFoundError names what was asked for."""
        if isinstance(index_or_id, bool):
            raise ValidationError("A subtask is chosen by its position number or its id.")
        if isinstance(index_or_id, int):
            if 0 <= index_or_id < len(self.subtasks):
                return self.subtasks[index_or_id]
            count = len(self.subtasks)
            raise NotFoundError(
                f"Todo {self.id!r} has no subtask number {index_or_id + 1}; it has {count} subtask{'s' if count != 1 else ''}."
            )
        found = next((s for s in self.subtasks if s.id == index_or_id), None)
        if found is None:
            raise NotFoundError(f"Todo {self.id!r} has no subtask with id {str(index_or_id)[:100]!r}.")
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "notes": self.notes,
            "completed": self.completed,
            "due_date": self.due_date,
            "goal_id": self.goal_id,
            "goal_title": self.goal_title,
            "node_id": self.node_id,
            "node_label": self.node_label,
            "kind": self.kind,
            "order": self.order,
            "subtasks": [s.to_dict() for s in self.subtasks],
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class LostLink:
    """A todo (or one of its subtasks) whose milestone disappeared; it was kept, unlinked."""

    todo_id: str
    todo_title: str
    goal_id: str
    node_id: str | None  # None: the whole goal went away
    subtask_id: str | None = None
    subtask_title: str | None = None

    def describe(self) -> str:
        # Titles only: node and goal ids mean nothing to the person reading this.
        if self.node_id is None:
            return f"todo {self.todo_title!r} lost its goal"
        if self.subtask_id:
            return f"subtask {self.subtask_title!r} of todo {self.todo_title!r} lost its milestone"
        return f"todo {self.todo_title!r} lost its milestone"

    def to_dict(self) -> dict[str, Any]:
        return {
            "todo_id": self.todo_id,
            "todo_title": self.todo_title,
            "goal_id": self.goal_id,
            "node_id": self.node_id,
            "subtask_id": self.subtask_id,
            "subtask_title": self.subtask_title,
        }


# -- validation (built on the shared rules so messages read the same everywhere) -----------------


def clean_todo_title(value: Any) -> str:
    return rules.clean_title(value, "todo title", rules.LABEL_MAX)


def clean_subtask_title(value: Any) -> str:
    return rules.clean_title(value, "subtask title", rules.LABEL_MAX)


def clean_notes(value: Any) -> str:
    return rules.clean_text(value, "notes")


def clean_due_date(value: Any) -> str | None:
    return rules.parse_date(value, "due date")


def check_completed(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError("'completed' must be true or false.")
    return value


def check_ref(value: Any, what: str) -> str | None:
    """An optional id (goal, node): None/blank means 'not linked'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > 100:
        raise ValidationError(f"The {what} id must be text of at most 100 characters.")
    return value.strip()


def check_links(goal_id: str | None, node_id: str | None) -> None:
    """A todo's milestone link names a milestone of its goal, so a milestone alone is not enough."""
    if node_id is not None and goal_id is None:
        raise ValidationError("A todo linked to a milestone must also name the milestone's goal.")


def subtask_reference(text: Any) -> int | str:
    """A subtask as a person names it: its number as `todos list` shows it (1 = first), given back
    as a 0-based position, or else its id. Text that looks like a number but is not a whole number
    from 1 written in ASCII digits ("0", "-1", "1.5", "²", "٣") is refused rather than taken for an id."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("Name a subtask by its number (1 = first) or its id.")
    text = text.strip()
    if text.isascii() and text.isdigit():
        number = int(text)
        if number < 1:
            raise ValidationError("Subtask numbers start at 1 (as `todos list` shows them).")
        return number - 1
    if any(ch.isnumeric() for ch in text) and all(ch.isnumeric() or ch in "+-.,_ " for ch in text):
        raise ValidationError(
            f"{text[:20]!r} is not a subtask number; use a whole number from 1 (as `todos list` shows them) or the subtask's id."
        )
    return text


def clean_subtask_titles(values: Any) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, (list, tuple)):
        raise ValidationError("Subtasks must be a list of titles.")
    if len(values) > SUBTASKS_MAX:
        raise ValidationError(f"A todo can have at most {SUBTASKS_MAX} subtasks; got {len(values)}.")
    return [clean_subtask_title(v) for v in values]


def clean_todo_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """A todo's own fields as they arrive from outside (an export, an undo snapshot), checked:
    kind, title, notes, completed, due_date and its milestone's node_id."""
    kind = data.get("kind", "manual")
    if kind not in TODO_KINDS:
        raise ValidationError(f"Unknown todo kind {str(kind)[:40]!r}.")
    return {
        "title": clean_todo_title(data.get("title")),
        "notes": clean_notes(data.get("notes")),
        "completed": check_completed(data.get("completed", False)),
        "due_date": clean_due_date(data.get("due_date")),
        "kind": kind,
        "node_id": check_ref(data.get("node_id"), "milestone"),
    }


def clean_subtask_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """A subtask's id (None if it has none), title, completed and node_id, checked."""
    return {
        "id": check_ref(data.get("id"), "subtask"),
        "title": clean_subtask_title(data.get("title")),
        "completed": check_completed(data.get("completed", False)),
        "node_id": check_ref(data.get("node_id"), "milestone"),
    }

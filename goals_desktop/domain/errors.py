"""Errors the core raises. Each message is one sentence fit to show a person as-is."""

from __future__ import annotations

from collections.abc import Iterable


class GoalsError(Exception):
    """Base for every error the user can cause; str(error) is the one-line message."""


class ValidationError(GoalsError):
    """Input that breaks a rule: blank title, bad date, a cycle in a roadmap, ..."""


class NotFoundError(GoalsError):
    """An id that names nothing."""


class ConflictError(GoalsError):
    """Another window or program changed the data since the caller last read it."""


class StorageError(GoalsError):
    """The database file cannot be used (corrupt, read-only, full disk, newer schema, ...).

    `kind` says which (see goals_desktop.storage.errors.ERROR_KINDS) so a window can offer the right
    way forward; `actions` are the ids of those ways forward, best first (the window words them: ui.storage_ui.ACTION_LABELS).
    """

    def __init__(self, message: str, kind: str = "other", path: object = None, actions: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.actions = tuple(actions)

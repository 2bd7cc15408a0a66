"""Errors the core raises. Each message is one sentence fit to show a person as-is."""


class GoalsError(Exception):
    """Base for every error the user can cause; str(error) is the one-line message."""


class ValidationError(GoalsError):
    """Input that breaks a rule: blank title, bad date, a cycle in a roadmap, ..."""


class NotFoundError(GoalsError):
    """An id that names nothing."""


class StorageError(GoalsError):
    """The database file cannot be used (corrupt, read-only, full disk, newer schema, ...)."""

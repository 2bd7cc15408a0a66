"""Plain-Python domain: goals, roadmaps, the rules about them. No Qt, no SQL."""

from .errors import GoalsError, NotFoundError, StorageError, ValidationError
from .models import STATUSES, Edge, Goal, Node, Position, Roadmap, new_id

__all__ = [
    "STATUSES",
    "Edge",
    "Goal",
    "GoalsError",
    "Node",
    "NotFoundError",
    "Position",
    "Roadmap",
    "StorageError",
    "ValidationError",
    "new_id",
]

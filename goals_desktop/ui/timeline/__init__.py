"""The Timeline tab: one bar per milestone from planned start to due date, today's and the target's lines."""

from .commands import SetDueDateCommand
from .panel import TimelinePanel
from .view import TimelineView

__all__ = ["SetDueDateCommand", "TimelinePanel", "TimelineView"]

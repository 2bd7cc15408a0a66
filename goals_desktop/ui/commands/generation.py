"""The undo step of an AI generation or breakdown: a roadmap replacing the one before it."""

from __future__ import annotations

from goals_desktop.domain.models import Roadmap
from goals_desktop.ui.commands.runner import RoadmapCommand, unlinked


class ReplaceRoadmapCommand(RoadmapCommand):
    """A generated (or broken-down) roadmap replacing the old one. It is saved the moment it is
    complete, so it is recorded with push(..., already_applied=True); later undo/redo only apply if
    nobody changed the roadmap since, each in one set_roadmap call that also links again the todos
    the other side left without a milestone. `overwritten` is what the save's rules changed besides
    (its Outcome's), which the undo gives back (titles typed by hand, the goal's status, ...)."""

    def __init__(
        self, service, goal_id: str, before: Roadmap | None, after: Roadmap | None, lost_links=(), text=None, overwritten=None
    ) -> None:
        super().__init__(service, goal_id, text or "Generate roadmap", overwritten)
        self.before, self.after = before, after
        # Todos that lost their milestone when `after` replaced `before` (relinked on undo), and
        # those linked to `after`'s milestones that the undo cut loose (relinked on redo).
        self.lost_links = tuple(lost_links)
        self.lost_by_undo: tuple = ()

    def apply(self):
        outcome = self.service.set_roadmap(self.goal_id, self.after, expected=self.before, relink=self.lost_by_undo)
        self.lost_links = unlinked(outcome)
        return outcome

    def revert(self):
        outcome = self.service.set_roadmap(self.goal_id, self.before, expected=self.after, relink=self.lost_links)
        self.lost_by_undo = unlinked(outcome)
        return outcome

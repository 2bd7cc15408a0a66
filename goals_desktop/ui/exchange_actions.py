"""File ▸ Export… and File ▸ Import… in the window.

Export writes the selected goal in the format picked from the file dialog's filter (images
rendered from the real scene, documents from goals_desktop.exchange, JSON with its todos from the
service). Import finds the format from the file's content and adds the goals through the service
as one undo step (ImportGoalsCommand): undo removes them with their todos, redo brings them back
with the same ids. Dialogs open non-modally (open(), never exec()): the window runs on qasync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.models import Goal
from goals_desktop.domain.rules import local_today
from goals_desktop.exchange import EXPORT_FORMATS, export_bytes, planned_due_dates, read_import
from goals_desktop.ui.commands.exchange import ImportGoalsCommand
from goals_desktop.ui.context import PanelContext


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """One entry of the export dialog's file type list."""

    label: str
    format: str
    extensions: tuple[str, ...]
    scale: int = 1
    transparent: bool = False

    @property
    def name_filter(self) -> str:
        return f"{self.label} ({' '.join('*' + e for e in self.extensions)})"


def _choices() -> list[ExportChoice]:
    choices = []
    for spec in EXPORT_FORMATS.values():
        choices.append(ExportChoice(spec.label, spec.name, spec.extensions))
        if spec.name == "png":
            choices.append(ExportChoice("PNG image at twice the size", "png", spec.extensions, scale=2))
            choices.append(ExportChoice("PNG image, transparent background", "png", spec.extensions, transparent=True))
    return choices


EXPORT_CHOICES = _choices()
IMPORT_FILTERS = ["Goals, roadmap.sh and JSON Canvas files (*.json *.canvas)", "All files (*)"]


def suggested_file_name(title: str) -> str:
    name = re.sub(r"[^\w\- ]+", "", title).strip().replace(" ", "-")[:60]
    return name or "goal"


class ExchangeActions(QObject):
    """The two File menu actions (file_actions) and their dialogs, for the current goal."""

    def __init__(self, context: PanelContext) -> None:
        super().__init__(context)
        self.context = context
        self.export_action = QAction("&Export…", self, shortcut=QKeySequence("Ctrl+Shift+E"))
        self.export_action.setStatusTip("Save the selected goal as an image, document, calendar, outline or JSON")
        self.export_action.triggered.connect(self.open_export_dialog)
        self.import_action = QAction("&Import…", self, shortcut=QKeySequence("Ctrl+Shift+I"))
        self.import_action.setStatusTip("Add goals from our JSON, a roadmap.sh roadmap or a JSON Canvas file")
        self.import_action.triggered.connect(self.open_import_dialog)
        self.file_actions = [self.import_action, self.export_action]
        self.last_dialog: QFileDialog | None = None
        context.current.changed.connect(lambda _goal_id: self.update_actions())
        self.update_actions()

    def update_actions(self) -> None:
        self.export_action.setEnabled(self.context.current.id is not None)

    # -- export ------------------------------------------------------------------------------

    def open_export_dialog(self) -> QFileDialog | None:
        try:
            goal = self.context.service.get_goal(self.context.current.id) if self.context.current.id else None
        except GoalsError:
            goal = None
        if goal is None:
            return None
        dialog = QFileDialog(self.context.dialog_parent, f"Export “{goal.title}”")
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([choice.name_filter for choice in EXPORT_CHOICES])
        dialog.selectFile(suggested_file_name(goal.title))
        dialog.fileSelected.connect(lambda path: self.export_to(goal.id, path, self._choice(dialog.selectedNameFilter())))
        self._open(dialog)
        return dialog

    @staticmethod
    def _choice(name_filter: str) -> ExportChoice:
        return next((c for c in EXPORT_CHOICES if c.name_filter == name_filter), EXPORT_CHOICES[0])

    def export_to(self, goal_id: str, path: str, choice: ExportChoice) -> Path | None:
        target = Path(path)
        if target.suffix.lower() not in choice.extensions:
            target = target.with_name(target.name + choice.extensions[0])
        try:
            goal = self.context.service.get_goal(goal_id)
            data = self.render(goal, choice)
            target.write_bytes(data)
        except GoalsError as error:
            self.context.message(str(error))
            return None
        except OSError as error:
            self.context.message(f"Cannot write {target}: {error.strerror or error}.")
            return None
        size = ""
        if choice.format == "png":
            from goals_desktop.ui.export_image import png_size

            size = " ({:,} × {:,} px)".format(*png_size(data))
        self.context.message(f"Exported “{goal.title}” as {choice.label}{size} to {target}.")
        return target

    def render(self, goal: Goal, choice: ExportChoice) -> bytes:
        if choice.format == "json":
            import json

            exported = self.context.service.export_goals([goal.id], include_todos=True)
            return (json.dumps(exported, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        if EXPORT_FORMATS[choice.format].image:
            from goals_desktop.ui.export_image import render_image

            return render_image(goal, choice.format, scale=choice.scale, transparent=choice.transparent)
        return export_bytes(goal, choice.format, planned_due_dates(goal, local_today()))

    # -- import ------------------------------------------------------------------------------

    def open_import_dialog(self) -> QFileDialog:
        dialog = QFileDialog(self.context.dialog_parent, "Import goals")
        dialog.setObjectName("importDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(IMPORT_FILTERS)
        dialog.fileSelected.connect(self.import_from)
        self._open(dialog)
        return dialog

    def import_from(self, path: str) -> list[Goal]:
        name = Path(path).name
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            self.context.message(f"Cannot read {name}: {error.strerror or error}.")
            return []
        try:
            found = read_import(content, name)
        except GoalsError as error:
            self.context.message(str(error))
            return []
        only = found.goals[0] if len(found.goals) == 1 and isinstance(found.goals[0], dict) else {}
        title = only.get("title")
        text = f"Import “{title}”" if isinstance(title, str) else f"Import {name}"
        pushed = self.context.push(ImportGoalsCommand(self.context.service, found.goals, text))
        if not pushed:
            return []
        goals = pushed.value
        source = f" from a {found.label}" if found.format in ("roadmap.sh", "canvas") else ""
        if len(goals) == 1:
            count = len(goals[0].roadmap.nodes) if goals[0].roadmap else 0
            self.context.message(f"Imported “{goals[0].title}”{source}: {count} milestone{'s' if count != 1 else ''}.")
        else:
            self.context.message(f"Imported {len(goals)} goals{source}.")
        if goals:
            self.context.current.set(goals[-1].id)
        return goals

    def _open(self, dialog: QWidget) -> None:
        self.last_dialog = dialog
        self.context.open_dialog(dialog)

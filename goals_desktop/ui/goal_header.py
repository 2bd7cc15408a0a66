"""The header above the canvas: title, on-track signal, target date, status and progress of the
current goal (the goal list panel shows it; the window places it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from goals_desktop.domain.models import Goal
from goals_desktop.domain.rules import local_today
from goals_desktop.domain.schedule import goal_signal
from goals_desktop.ui import palette as colours
from goals_desktop.ui.text import plain_tooltip
from goals_desktop.ui.words import date_text, status_title, words


class GoalHeader(QWidget):
    """Title, progress, status and target date of the current goal, above the canvas."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("goalHeader")
        self.title = QLabel(objectName="headerTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.progress = QProgressBar(objectName="headerProgress")
        self.progress.setRange(0, 100)
        self.progress.setFormat(self.tr("%p%"))
        self.progress.setFixedWidth(180)
        self.status = QLabel(objectName="headerStatus")
        self.target = QLabel(objectName="headerTarget")
        self.target.setTextFormat(Qt.TextFormat.PlainText)
        self.signal = QLabel(objectName="headerSignal")
        self.signal.setTextFormat(Qt.TextFormat.PlainText)
        # Under the title, so it never widens the window; it gives way first (the tooltip keeps the words).
        self.signal.setMinimumWidth(1)
        title_block = QVBoxLayout()
        title_block.setSpacing(0)
        title_block.addWidget(self.title)
        title_block.addWidget(self.signal)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(title_block, 1)
        layout.addWidget(self.target)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        self.show_goal(None)

    def show_goal(self, goal: Goal | None) -> None:
        shown = self.isVisibleTo(self.window())
        self.setVisible(goal is not None)
        if goal is not None:
            self.title.setText(goal.title)
            self.title.setToolTip(plain_tooltip(goal.description))
            self.progress.setValue(goal.progress)
            self.status.setText(status_title(goal.status))
            if goal.target_date:
                left = words().days_left(goal.target_date, local_today())
                self.target.setText(self.tr("Target {date} ({left})").format(date=date_text(goal.target_date), left=left))
            else:
                self.target.setText(self.tr("No target date"))
            signal = goal_signal(goal, local_today())
            self.signal_kind = signal.kind
            said = words().signal_full(signal)
            self.signal.setText(f"● {said}")
            self.signal.setToolTip(said)
            self.signal.setStyleSheet(f"color: {colours.signal_colour(signal, self.palette()).name()}; font-weight: 600;")
        parent = self.parentWidget()
        if parent is not None and parent.layout() is not None and self.isVisibleTo(self.window()) != shown:
            # The header came or went: the canvas's height changes now, not after it has chosen
            # its view of the goal (which would then lose its top or bottom).
            parent.layout().activate()

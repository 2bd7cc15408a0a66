"""The Todos tree's columns and rows: which column holds what, widths that give titles and ticks
the room at any panel width, and the hint shown over an empty list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QLabel, QStyle, QStyledItemDelegate, QTreeWidget

TITLE_COLUMN, DUE_COLUMN, LINK_COLUMN = 0, 1, 2
TODO_ROLE = Qt.ItemDataRole.UserRole
SUBTASK_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_ROLE = Qt.ItemDataRole.UserRole + 2  # (the Todo/Subtask, the day) a row was last written from


class TodoColumns(QObject):
    """Column widths that give titles and ticks the room at any panel width.

    The title column stretches and keeps at least TITLE_SHARE of the width; the due date keeps its
    contents when it can; "Goal · milestone" takes what is left and elides (its tooltip has it all).
    Refitted when the tree is resized or its rows change; a link column the person resized by hand
    keeps that width."""

    TITLE_SHARE = 0.55
    LINK_MIN, DUE_MIN = 56, 48

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        self.link_width_by_hand = False
        self._fitting = False
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUE_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(LINK_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._section_resized)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._due_delegate = _DueDelegate(tree)
        tree.setItemDelegateForColumn(DUE_COLUMN, self._due_delegate)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = tree.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self._timer.start)
        tree.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == LINK_COLUMN and not self._fitting:
            self.link_width_by_hand = True

    def _needed(self, column: int) -> int:
        return max(self.tree.header().sectionSizeHint(column), self.tree.sizeHintForColumn(column))

    def _dates_only_width(self) -> int:
        metrics = self.tree.fontMetrics()
        texts = (self.tree.topLevelItem(i).text(DUE_COLUMN) for i in range(self.tree.topLevelItemCount()))
        widest = max((metrics.horizontalAdvance(text.rsplit(" ", 1)[-1]) for text in texts if text), default=0)
        return widest + 2 * metrics.averageCharWidth() + 8

    def fit(self) -> None:
        width = self.tree.viewport().width()
        title_min = int(width * self.TITLE_SHARE)
        title = min(self._needed(TITLE_COLUMN), title_min)
        due = self._needed(DUE_COLUMN)
        link_needed = self._needed(LINK_COLUMN)
        link_min = min(link_needed, self.LINK_MIN)
        if due > width - title - link_min:
            due = min(due, self._dates_only_width())  # squeezed: the delegate drops "Overdue"
        due = max(min(due, width - title - link_min), min(due, self.DUE_MIN))
        link = max(link_min, min(link_needed, width - title - due))
        self._fitting = True
        try:
            self.tree.setColumnWidth(DUE_COLUMN, due)
            if not self.link_width_by_hand:
                self.tree.setColumnWidth(LINK_COLUMN, link)
        finally:
            self._fitting = False


class _DueDelegate(QStyledItemDelegate):
    """Squeezed, "Overdue 2020-03-01" drops the word before any digit; its colour and tooltip keep it."""

    _painting = False

    def paint(self, painter, option, index) -> None:
        # Only when drawing: the column's size hint must still ask for the whole text.
        self._painting = True
        try:
            super().paint(painter, option, index)
        finally:
            self._painting = False

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if not self._painting or " " not in text:
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget).width()
        room -= 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1)
        if option.fontMetrics.horizontalAdvance(text) > room:
            option.text = text.rsplit(" ", 1)[1]


class EmptyListHint(QLabel):
    """Over an empty list: what to do to fill it (the text comes from the panel, as it knows why)."""

    def __init__(self, tree: QTreeWidget, text) -> None:
        super().__init__(tree.viewport())
        self.setObjectName("todosEmptyHint")
        self.tree, self._text = tree, text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setMargin(12)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.update_hint)
        model = tree.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._timer.start)
        tree.viewport().installEventFilter(self)
        self.update_hint()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.tree.viewport().rect())
        return False

    def update_hint(self) -> None:
        empty = self.tree.topLevelItemCount() == 0
        if empty:
            self.setText(self._text())
            self.setGeometry(self.tree.viewport().rect())
        self.setVisible(empty)

"""A pseudo-locale that wraps every translated string in ⟦…⟧, and a walk over everything a person
can read in the window: whatever is left outside the brackets (apart from the user's own data,
numbers, dates and names) was never given to Qt's translation, so no language could reach it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QLocale, QModelIndex, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

OPEN, CLOSE = "⟦", "⟧"
_WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_LETTER = re.compile(r"[^\W\d_]")
_TAG = re.compile(r"<[a-zA-Z!/][^>]*>")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S*")
_PATH_OR_PATTERN = re.compile(r"(?:(?<=\s)|^)/\S*|\*\.\w+|\(\*\)")  # /a/file, *.json, (*)
#: Names, not words: they read the same in every language.
NAMES = ("OpenAI", "Ollama", "LM Studio", "llama.cpp", "vLLM", "PostgreSQL", "SQLite", "JSON Canvas", "JSON",
         "roadmap.sh", "Markdown", "Mermaid", "OPML", "iCalendar", "PNG", "SVG", "AI")


def locale_words() -> set[str]:
    """Month and day names: the locale's data, shown by Qt's date widgets, not translations."""
    locale = QLocale()
    words = set()
    for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat, QLocale.FormatType.NarrowFormat):
        words |= {locale.monthName(m, form) for m in range(1, 13)} | {locale.standaloneMonthName(m, form) for m in range(1, 13)}
        words |= {locale.dayName(d, form) for d in range(1, 8)} | {locale.standaloneDayName(d, form) for d in range(1, 8)}
    return words


class PseudoTranslator(QTranslator):
    """Every string asked of Qt's translation comes back wrapped: ours and Qt's own alike."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002
        return f"{OPEN}{source_text}{CLOSE}" if source_text else source_text

    def isEmpty(self) -> bool:  # an "empty" translator is installed but not announced
        return False


def plain(text: str) -> str:
    if _TAG.search(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def residue(text: str, user_data: Iterable[str]) -> str:
    """What of text is neither translated nor the user's own data ("" when all is well)."""
    text = plain(text)
    while _WRAPPED.search(text):  # innermost first: a translated sentence may hold translated words
        text = _WRAPPED.sub(" ", text)
    text = _PATH_OR_PATTERN.sub(" ", _URL.sub(" ", text))
    for datum in sorted((d for d in user_data if d), key=len, reverse=True):
        text = text.replace(datum, " ")
    return text if _LETTER.search(text) else ""


@dataclass
class Finding:
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r}"


@dataclass
class Walk:
    """Collects every readable text of widgets, actions and models, with where it was seen."""

    user_data: set[str]
    findings: list[Finding] = field(default_factory=list)
    seen_texts: int = 0
    _seen_objects: set[int] = field(default_factory=set)
    _kept: list = field(default_factory=list)  # so that no id() is reused by another wrapper

    def check(self, where: str, text: str | None) -> None:
        if not text:
            return
        self.seen_texts += 1
        if residue(text, self.user_data):
            self.findings.append(Finding(where, text))

    def _first_visit(self, obj: QObject) -> bool:
        key = id(obj)
        if key in self._seen_objects:
            return False
        self._seen_objects.add(key)
        self._kept.append(obj)
        return True

    def action(self, action: QAction, where: str) -> None:
        if not self._first_visit(action) or action.isSeparator():
            return
        where = f"{where} ▸ action {action.text() or action.objectName()!r}"
        self.check(f"{where} text", action.text())
        if action.toolTip() != action.text().replace("&", ""):  # Qt's default tooltip is the text
            self.check(f"{where} tooltip", action.toolTip())
        self.check(f"{where} status tip", action.statusTip())
        self.check(f"{where} icon text", action.iconText())
        if action.menu() is not None:
            self.widget(action.menu(), where)

    def model(self, model: QAbstractItemModel, where: str) -> None:
        if model is None or not self._first_visit(model):
            return
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model (columnCount is private there): one column
            columns = 1
        for orientation, count in ((Qt.Orientation.Horizontal, columns), (Qt.Orientation.Vertical, 0)):
            for section in range(count):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(section, orientation, role)
                    self.check(f"{where} header {section}", value if isinstance(value, str) else None)

        def rows(parent: QModelIndex) -> None:
            for row in range(min(model.rowCount(parent), 200)):
                for column in range(columns if not parent.isValid() else max(1, _columns(model, parent))):
                    index = model.index(row, column, parent)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                        value = index.data(role)
                        self.check(f"{where} row {row} col {column}", value if isinstance(value, str) else None)
                    if column == 0:
                        rows(index)

        rows(QModelIndex())

    def widget(self, widget: QWidget, where: str = "") -> None:
        for child in [widget, *widget.findChildren(QWidget)]:
            if self._first_visit(child):
                self._one_widget(child, f"{where}/{type(child).__name__}:{child.objectName() or '-'}")

    def _one_widget(self, widget: QWidget, where: str) -> None:
        check = self.check
        if widget.isWindow() or isinstance(widget, QDockWidget):
            check(f"{where} title", widget.windowTitle())
        check(f"{where} tooltip", widget.toolTip())
        check(f"{where} status tip", widget.statusTip())
        check(f"{where} what's this", widget.whatsThis())
        check(f"{where} accessible name", widget.accessibleName())
        check(f"{where} accessible description", widget.accessibleDescription())
        if isinstance(widget, QLabel):
            check(f"{where} text", widget.text())
        elif isinstance(widget, QAbstractButton):
            check(f"{where} text", widget.text())
        elif isinstance(widget, QGroupBox):
            check(f"{where} title", widget.title())
        elif isinstance(widget, QLineEdit):
            check(f"{where} placeholder", widget.placeholderText())
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            check(f"{where} placeholder", widget.placeholderText())
            if widget.isReadOnly():
                check(f"{where} text", widget.toPlainText())
        elif isinstance(widget, QComboBox) and widget.objectName() != "lookInCombo":  # (a folder's path)
            for row in range(widget.count()):
                check(f"{where} item {row}", widget.itemText(row))
        elif isinstance(widget, QAbstractSpinBox):
            check(f"{where} special value", widget.specialValueText())
            for name in ("prefix", "suffix"):
                if hasattr(widget, name):
                    check(f"{where} {name}", getattr(widget, name)())
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                check(f"{where} tab {tab}", widget.tabText(tab))
                check(f"{where} tab {tab} tooltip", widget.tabToolTip(tab))
        elif isinstance(widget, QStatusBar):
            check(f"{where} message", widget.currentMessage())
        elif isinstance(widget, QMenu):
            check(f"{where} title", widget.title())
        if isinstance(widget, QAbstractItemView) and not isinstance(widget.window(), QFileDialog):
            self.model(widget.model(), where)  # (a file dialog's lists are the user's files)
        elif isinstance(widget, QComboBox) and widget.objectName() == "lookInCombo":
            return
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                check(f"{where} item {type(item).__name__} tooltip", item.toolTip())
                for name in ("toPlainText", "text"):
                    if hasattr(item, name) and callable(getattr(item, name)):
                        value = getattr(item, name)()
                        check(f"{where} item {type(item).__name__} text", value if isinstance(value, str) else None)
        for action in widget.actions():
            self.action(action, where)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:
        return 1


class DialogCatcher(QObject):
    """Walks (or hands to `seen`) and closes every window that opens apart from the known ones —
    dialogs opened with open() or exec(), message boxes, file dialogs, popup menus — while it runs."""

    def __init__(self, walk: Walk | None, known: Iterable[QWidget], seen=None) -> None:
        super().__init__()
        self.walk = walk
        self.seen = seen
        self.known = {id(widget) for widget in known}
        self.caught: list[str] = []
        self.timer = QTimer(self, interval=20)
        self.timer.timeout.connect(self.sweep)
        self.timer.start()

    def sweep(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if id(widget) in self.known or not widget.isVisible():
                continue
            name = f"{type(widget).__name__}:{widget.objectName() or widget.windowTitle()}"
            self.caught.append(name)
            if self.walk is not None:
                self.walk.widget(widget, f"[{name}]")
            if self.seen is not None:
                self.seen(widget, name)
            if isinstance(widget, QDialog):
                widget.reject()
            widget.close()

    def stop(self) -> None:
        self.sweep()
        self.timer.stop()


def trigger_every_action(window, qtbot, catcher: DialogCatcher, skipped=(), before=None) -> None:
    """Trigger each enabled action of the window (menus, toolbar, context actions) but the skipped."""
    seen, actions = set(), []
    for action in window.findChildren(QAction):
        if id(action) not in seen:
            seen.add(id(action))
            actions.append(action)
    skipped_ids = {id(action) for action in skipped}
    for action in actions:
        if id(action) in skipped_ids or not action.isEnabled() or action.menu() is not None or action.isSeparator():
            continue
        if before is not None:
            before()
        action.trigger()
        qtbot.wait(30)
        catcher.sweep()


def install_pseudo_locale() -> PseudoTranslator:
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    return translator

"""What the window shows of AI generation besides the canvas: the status strip above it (text, a
busy indicator with the token count, Cancel, Retry), the offer to generate after a new goal, and
the question whether to keep a roadmap cut short."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

class GenerationStatusBar(QWidget):
    """Status text, a busy indicator with the token count, Cancel and Retry, for the shown goal
    (controller: the window's generation.GenerationController)."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.text = QLabel()
        self.text.setObjectName("generationStatus")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.tokens = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(lambda: controller.cancel())
        self.retry_button = QPushButton("Retry")
        self.retry_button.clicked.connect(lambda: controller.retry())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.tokens)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.cancel_button)
        for signal in (controller.status_changed, controller.tokens_changed, controller.busy_changed, controller.failed):
            signal.connect(self._changed)
        self.refresh()

    def _changed(self, goal_id: str, *_) -> None:
        if goal_id == self.controller.shown_goal():
            self.refresh()

    def refresh(self) -> None:
        status, tokens, busy, error = self.controller.status_of(self.controller.shown_goal())
        self.text.setText(error or status)
        self.progress.setVisible(busy)
        # The token count is progress: it means nothing once the generation is over.
        self.tokens.setVisible(busy)
        self.tokens.setText(f"{tokens:,} tokens")
        self.cancel_button.setVisible(busy)
        self.retry_button.setVisible(bool(error) and not busy)
        # Nothing to say: no empty strip between the header and the canvas. (Never shown while it
        # has no parent: it would become a window of its own.)
        visible = busy or bool(error or status)
        if self.parentWidget() is not None or not visible:
            self.setVisible(visible)


class OfferGenerationDialog(QDialog):
    """"Generate a roadmap for this goal now?" with an optional note for the model."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offerGenerationDialog")
        self.setWindowTitle("Generate a roadmap?")
        question = QLabel(f"Let the AI model draw a roadmap for “{title}” now?")
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        hint = QLabel("Optional: what you already know, how many hours a week you have…")
        hint.setWordWrap(True)
        self.context_edit = QPlainTextEdit()
        self.context_edit.setObjectName("generationContext")
        self.context_edit.setPlaceholderText("e.g. I know Python; about 5 hours a week")
        self.context_edit.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox()
        self.generate_button = self.buttons.addButton("Generate roadmap", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(hint)
        layout.addWidget(self.context_edit)
        layout.addWidget(self.buttons)
        self.resize(420, 240)

    def context(self) -> str:
        return self.context_edit.toPlainText().strip()


async def ask_keep_partial(ready, parent: QWidget | None, dialogs: list) -> bool:
    """A roadmap cut short (ready.partial): keep what arrived? Never exec() inside a coroutine; the
    box is in `dialogs` while open, so the controller's shutdown can close it."""
    box = QMessageBox(QMessageBox.Icon.Question, "Roadmap cut short",
                      f"{ready.reason} Keep the {len(ready.roadmap.nodes)} milestones received so far?",
                      parent=parent)
    box.setObjectName("keepPartialDialog")
    keep = box.addButton("Keep", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard", QMessageBox.ButtonRole.RejectRole)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    answer: asyncio.Future[bool] = asyncio.get_event_loop().create_future()
    box.finished.connect(lambda *_: answer.done() or answer.set_result(box.clickedButton() is keep))
    dialogs.append(box)
    box.open()
    try:
        return await answer
    finally:
        dialogs.remove(box)
        box.close()
        box.deleteLater()

"""The AI provider settings dialog: preset, base URL, model (from /v1/models or typed), API key.

Non-blocking: show it with open(); "Test connection" and "Refresh models" run as tasks.
"""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from goals_desktop.ai import client as ai_client
from goals_desktop.ai import settings as ai_settings
from goals_desktop.domain.errors import GoalsError
from goals_desktop.ui.words import core_sentence


class ProviderDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("AI provider"))
        self.setObjectName("providerDialog")
        self._tasks: set[asyncio.Task] = set()
        try:
            current = ai_settings.load_settings(apply_env=False)
        except GoalsError:
            current = ai_settings.ProviderSettings()

        self.preset = QComboBox()
        for key, (name, _url) in ai_settings.PRESETS.items():
            self.preset.addItem(self.tr("Custom") if key == "custom" else name, key)  # the others are names
        self.base_url = QLineEdit(current.base_url)
        self.base_url.setPlaceholderText("http://localhost:11434/v1")
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setCurrentText(current.model)
        self.refresh_models = QPushButton(self.tr("Refresh models"))
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(
            self.tr("sk-… (not needed for local servers)") if not ai_settings.get_api_key() else self.tr("stored — type to replace")
        )
        self.key_note = QLabel(core_sentence(ai_settings.key_storage_message()))
        self.key_note.setWordWrap(True)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.result = QLabel()
        self.result.setObjectName("testResult")
        self.result.setWordWrap(True)

        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.refresh_models)
        form = QFormLayout()
        form.addRow(self.tr("Provider"), self.preset)
        form.addRow(self.tr("Base URL"), self.base_url)
        form.addRow(self.tr("Model"), model_row)
        form.addRow(self.tr("API key"), self.api_key)
        form.addRow("", self.key_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result, 1)
        layout.addLayout(test_row)
        layout.addWidget(buttons)

        index = self.preset.findData(current.preset or ("custom" if current.base_url else "ollama"))
        self.preset.setCurrentIndex(max(index, 0))
        if not current.base_url:
            self._preset_chosen()
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.test_button.clicked.connect(lambda: self._run(self.test()))
        self.refresh_models.clicked.connect(lambda: self._run(self.load_models()))
        self.resize(520, self.sizeHint().height())

    def settings(self) -> ai_settings.ProviderSettings:
        return ai_settings.ProviderSettings(
            preset=self.preset.currentData() or "custom", base_url=self.base_url.text().strip(), model=self.model.currentText().strip()
        )

    def _preset_chosen(self, *_) -> None:
        url = ai_settings.PRESETS.get(self.preset.currentData(), ("", ""))[1]
        if url:
            self.base_url.setText(url)

    def _run(self, coro) -> asyncio.Task:
        task = asyncio.get_event_loop().create_task(coro, name="provider-dialog")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _apply_key(self) -> None:
        if self.api_key.text().strip():
            self.key_note.setText(core_sentence(ai_settings.store_api_key(self.api_key.text())))
            self.api_key.clear()

    async def test(self) -> bool:
        self._apply_key()
        self.result.setText(self.tr("Testing…"))
        ok, message = await ai_client.test_connection(self.settings())
        self.result.setText(message)
        return ok

    async def load_models(self) -> list[str]:
        self._apply_key()
        try:
            models = await ai_client.list_models(self.settings())
        except GoalsError as error:
            self.result.setText(str(error))
            return []
        typed = self.model.currentText()
        self.model.clear()
        self.model.addItems(models)
        self.model.setCurrentText(typed if typed else (models[0] if models else ""))
        self.result.setText(self.tr("%n models found.", "", len(models)))
        return models

    def save(self) -> None:
        chosen = self.settings()
        if not chosen.base_url or not chosen.model:
            self.result.setText(self.tr("Enter a base URL and a model name first."))
            return
        try:
            self._apply_key()
            ai_settings.save_settings(chosen)
        except GoalsError as error:
            self.result.setText(str(error))
            return
        self.accept()

    def done(self, result: int) -> None:
        for task in list(self._tasks):
            task.cancel()
        super().done(result)

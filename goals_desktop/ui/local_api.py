"""File ▸ Local API: serve the Goals API from the window, on its qasync loop (off by default).

The server calls the window's own GoalService on the Qt thread, so an API change is announced like
one made in the window: the goal list, the header and the canvas follow at once. FastAPI and uvicorn
load (in a worker thread, so the window stays smooth) only when the switch is turned on, and the
api package only when used (tests/api/test_lazy_imports.py checks the window does not load it).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QGuiApplication

from goals_desktop.domain.errors import GoalsError
from goals_desktop.ui.context import PanelContext

log = logging.getLogger("goals_desktop.ui.local_api")

ENABLED_KEY = "api/enabled"
PORT_KEY = "api/port"
DEFAULT_PORT = 8765
HOST = "127.0.0.1"


async def _import_off_the_loop(name: str):
    """~0.3 s of imports in a worker thread, so the window stays smooth. (The garbage they make is
    collected on the Qt thread: ui/qt_thread_collector.py.)"""
    return await asyncio.to_thread(importlib.import_module, name)


class LocalApi(QObject):
    running_changed = Signal(bool)

    def __init__(self, context: PanelContext, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = context.service
        self.settings = settings
        self.server = None  # goals_desktop.api.server.ApiServer while serving
        self._job: asyncio.Task | None = None
        self.action = QAction(self.tr("Local &API"), self, checkable=True, objectName="localApiAction")
        self.action.setToolTip(self.tr("Serve the Goals API on this machine (127.0.0.1) while the window is open"))
        self.action.toggled.connect(self._toggled)
        self.copy_token_action = QAction(self.tr("Copy Local API &token"), self, objectName="copyApiTokenAction")
        self.copy_token_action.triggered.connect(self.copy_token)
        self.file_actions = [self.action, self.copy_token_action]

    @property
    def port(self) -> int:
        try:
            port = int(self.settings.value(PORT_KEY, DEFAULT_PORT))
        except (TypeError, ValueError):
            return DEFAULT_PORT
        return port if 0 <= port <= 65535 else DEFAULT_PORT

    @property
    def url(self) -> str | None:
        return self.server.url if self.server is not None else None

    def restore(self) -> None:
        """Turn the switch back on if it was on when the app last closed (call with the loop running)."""
        if str(self.settings.value(ENABLED_KEY, False)).lower() in ("true", "1"):
            self.action.setChecked(True)

    def _toggled(self, on: bool) -> None:
        self.settings.setValue(ENABLED_KEY, on)
        if self._job is None or self._job.done():
            self._job = asyncio.ensure_future(self._follow_switch())

    async def wait_idle(self) -> None:
        """Until the server matches the switch (started or stopped)."""
        while self._job is not None and not self._job.done():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._job)

    async def _follow_switch(self) -> None:
        # One job at a time, so a quick off-on-off ends in the state the switch shows.
        while self.action.isChecked() != (self.server is not None):
            if self.action.isChecked():
                if not await self._start():
                    self.action.blockSignals(True)
                    self.action.setChecked(False)
                    self.action.blockSignals(False)
                    self.settings.setValue(ENABLED_KEY, False)
                    return
            else:
                await self._stop()

    async def _start(self) -> bool:
        server = None
        try:
            server_module = await _import_off_the_loop("goals_desktop.api.server")
            from goals_desktop.api.token import api_token

            server = server_module.ApiServer(self.service, HOST, self.port, token=api_token())
            await server.start()
        except asyncio.CancelledError:
            if server is not None:  # closing the window while it starts: leave nothing listening
                await server.stop()
            raise
        except GoalsError as error:
            self.context.message(self.tr("The Local API did not start: {error}").format(error=error))
            return False
        except Exception as error:  # never BaseException: cancellation must pass through
            log.error("Local API failed to start", exc_info=error)
            self.context.message(self.tr("The Local API did not start ({kind}).").format(kind=type(error).__name__))
            return False
        self.server = server
        self.context.message(self.tr("Local API on {url} (File ▸ Copy Local API token for clients).").format(url=server.url))
        self.running_changed.emit(True)
        return True

    async def _stop(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            await server.stop()
            self.context.message(self.tr("Local API stopped."))
            self.running_changed.emit(False)

    def copy_token(self) -> None:
        from goals_desktop.api.token import api_token  # the api package loads only when used (see the module)

        try:
            QGuiApplication.clipboard().setText(api_token())
        except GoalsError as error:
            self.context.message(str(error))
            return
        self.context.message(self.tr("The Local API token is on the clipboard."))

    async def shutdown(self) -> None:
        """Stop serving before the loop stops (the window's shutdown hook); the setting is kept."""
        if self._job is not None and not self._job.done():
            self._job.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._job
        server, self.server = self.server, None
        if server is not None:
            await server.stop()

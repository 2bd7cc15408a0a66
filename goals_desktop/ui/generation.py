"""AI roadmap generation in the window: one named task per goal, streamed into the canvas.

GenerationController owns the tasks (kept referenced, the previous one cancelled on regenerate,
all cancelled and awaited by shutdown()), its actions (Generate, Regenerate, Cancel, Break down,
AI provider…) and per-goal status, which the strip above the canvas shows (generation_strip.py).
Nodes stream into the RoadmapEditor's preview when the generating goal is the one shown; the
saved roadmap then arrives through the service. The replacement is one undo step
(commands.generation.ReplaceRoadmapCommand).

The AI modules (goals_desktop.ai.generate and .breakdown: ~0.36 s with their HTTP client) and the
provider dialog (~0.18 s) are imported where first used, not with the window: its start pays only
for what it shows (bench/startup_bench.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from goals_desktop.ai.turns import next_turn
from goals_desktop.domain.errors import GoalsError
from goals_desktop.domain.models import Goal, Node, Roadmap
from goals_desktop.ui.canvas.editor import RoadmapEditor
from goals_desktop.ui.commands.generation import ReplaceRoadmapCommand
from goals_desktop.ui.context import PanelContext
from goals_desktop.ui.generation_strip import OfferGenerationDialog, ask_keep_partial
from goals_desktop.ui.turns import in_turns
from goals_desktop.ui.words import core_sentence, words

STATUS_INTERVAL_MS = 50
# A finished generation's "Roadmap generated: N milestones." stays this long, then the strip clears.
CLEAR_AFTER_MS = 4000
log = logging.getLogger(__name__)


@dataclass
class _Job:
    goal_id: str
    task: asyncio.Task | None = None
    nodes: list[tuple[Node, list[str]]] = field(default_factory=list)
    status: str = ""
    tokens: int = 0
    busy: bool = True
    error: str = ""
    beside: str | None = None  # a breakdown: the milestone its sub-milestones stream in next to
    retry: object = None  # what Retry does again (a callable)
    saved: Goal | None = None  # the goal as its generated roadmap was saved: the canvas shows it


class GenerationController(QObject):
    status_changed = Signal(str, str)  # goal id, one-line status (throttled)
    tokens_changed = Signal(str, int)  # goal id, tokens received (throttled)
    busy_changed = Signal(str, bool)  # goal id, generating?
    failed = Signal(str, str)  # goal id, one-sentence error (Retry possible)
    saved = Signal(str)  # goal id whose generated roadmap was saved
    configure_requested = Signal()  # nothing configured: the provider dialog was opened

    def __init__(self, context: PanelContext, editor: RoadmapEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = service = context.service
        self.editor = editor
        self.offer: OfferGenerationDialog | None = None  # the last offer to generate (None: not made)
        self._jobs: dict[str, _Job] = {}
        self._preview_goal: str | None = None
        self._dirty: set[str] = set()
        self._flush_timer = QTimer(self, singleShot=True, interval=STATUS_INTERVAL_MS)
        self._flush_timer.timeout.connect(self._flush_status)
        self._dialogs: list[QWidget] = []
        self._closing = False

        self.generate_action = QAction(self.tr("Generate roadmap"), self)
        self.generate_action.setStatusTip(self.tr("Let the AI model draw this goal's roadmap"))
        self.generate_action.triggered.connect(lambda *_: self.start())
        self.regenerate_action = QAction(self.tr("Regenerate roadmap"), self)
        self.regenerate_action.setStatusTip(self.tr("Draw the roadmap again, keeping the milestones already checked off"))
        self.regenerate_action.triggered.connect(lambda *_: self.start())
        self.cancel_action = QAction(self.tr("Cancel generation"), self)
        self.cancel_action.triggered.connect(lambda *_: self.cancel())
        self.breakdown_action = QAction(self.tr("Break down with AI…"), self)
        self.breakdown_action.setStatusTip(self.tr("Let the AI model split this milestone into 3 to 8 sub-milestones that lead to it"))
        self.breakdown_action.triggered.connect(lambda *_: self.start_breakdown())
        self.provider_action = QAction(self.tr("AI &provider…"), self)
        self.provider_action.triggered.connect(lambda: self.open_provider_dialog())
        # Its sections, as the window places them (main_window._place_actions).
        self.roadmap_actions = [self.generate_action, self.regenerate_action, self.cancel_action, self.breakdown_action]
        self.toolbar_actions = [self.generate_action, self.regenerate_action]
        self.failed.connect(lambda _goal_id, text: context.message(text))
        # Told by the editor (not the scene, which still signals while being torn down).
        self._selected_nodes = 0
        editor.nodes_selected.connect(self._selection_changed)
        editor.goal_shown.connect(lambda _goal_id: self.goal_shown())
        # After a change, once: a save announces several, and each would load the goal again.
        self._actions_timer = QTimer(self, singleShot=True, interval=0)
        self._actions_timer.timeout.connect(self.update_actions)
        unsubscribe = service.subscribe(lambda change: self._actions_timer.start())
        self.destroyed.connect(lambda *_: unsubscribe())
        self.update_actions()

    # -- state -------------------------------------------------------------------------------

    def shown_goal(self) -> str | None:
        return self.editor.goal_id()

    def is_busy(self, goal_id: str | None = None) -> bool:
        job = self._jobs.get(goal_id or self.shown_goal() or "")
        return bool(job and job.busy)

    def status_of(self, goal_id: str | None) -> tuple[str, int, bool, str]:
        """(status, tokens, busy, error) of a goal's latest generation."""
        job = self._jobs.get(goal_id or "")
        if job is None:
            return "", 0, False, ""
        return job.status, job.tokens, job.busy, job.error

    def task(self, goal_id: str) -> asyncio.Task | None:
        job = self._jobs.get(goal_id)
        return job.task if job else None

    def update_actions(self) -> None:
        goal_id = self.shown_goal()
        busy = self.is_busy(goal_id)
        has_roadmap = False
        shown = self.editor.shown_goal()
        if shown is not None and shown.id == goal_id:
            has_roadmap = shown.roadmap is not None  # the canvas's copy: no second load of the goal
        elif goal_id is not None:
            try:
                has_roadmap = self.service.get_goal(goal_id).roadmap is not None
            except GoalsError:
                goal_id = None
        self.generate_action.setEnabled(goal_id is not None and not busy and not self._closing)
        self.regenerate_action.setEnabled(goal_id is not None and has_roadmap and not busy and not self._closing)
        self.cancel_action.setEnabled(busy)
        self.breakdown_action.setEnabled(
            goal_id is not None and self._selected_nodes == 1 and not busy and not self._closing and not self._preview_goal
        )

    def _selection_changed(self, count: int) -> None:
        self._selected_nodes = count
        self.update_actions()

    def goal_shown(self) -> None:
        """Call after the editor switched goals: move the streaming preview along."""
        self._sync_preview()
        self.update_actions()
        goal_id = self.shown_goal()
        if goal_id:
            self._dirty.add(goal_id)
            self._flush_status()

    # -- running -----------------------------------------------------------------------------

    def start(self, goal_id: str | None = None, context: str | None = None) -> asyncio.Task | None:
        """Generate (or regenerate) goal_id's roadmap; a generation already running for it is cancelled.

        context: what the person said about themselves, passed to the model."""
        goal_id = goal_id or self.shown_goal()
        if goal_id is None or self._closing:
            return None
        settings = self._settings(goal_id, then_generate=goal_id)
        if settings is None:
            return None
        previous = self._jobs.get(goal_id)
        if previous is not None and previous.task is not None and not previous.task.done():
            previous.task.cancel()
        job = _Job(goal_id, retry=lambda: self.start(goal_id, context))
        return self._launch(job, self._run(job, settings, previous, context), f"generate-roadmap:{goal_id}")

    def start_breakdown(self, node_id: str | None = None, goal_id: str | None = None) -> asyncio.Task | None:
        """Break a milestone (default: the one selected) down with AI, streamed next to it."""
        goal_id = goal_id or self.shown_goal()
        if node_id is None:
            selected = self.editor.scene.selected_node_ids()
            node_id = selected[0] if len(selected) == 1 else None
        if goal_id is None or node_id is None or self._closing or self.is_busy(goal_id):
            return None
        settings = self._settings(goal_id)
        if settings is None:
            return None
        job = _Job(goal_id, beside=node_id, retry=lambda: self.start_breakdown(node_id, goal_id))
        return self._launch(job, self._run_breakdown(job, settings), f"breakdown:{goal_id}:{node_id}")

    def _settings(self, goal_id: str, then_generate: str | None = None):
        """The provider's settings, or None: a failure to read them is reported, and with no provider
        set up its dialog opens (then_generate: the goal to generate once it is)."""
        from goals_desktop.ai.settings import load_settings

        try:
            settings = load_settings()
        except GoalsError as error:
            self._fail(goal_id, str(error))
            return None
        if not settings.configured:
            self.open_provider_dialog(then_generate=then_generate)
            return None
        return settings

    def _launch(self, job: _Job, run, name: str) -> asyncio.Task:
        """Run a job's coroutine as a named task, kept referenced by the job."""
        self._jobs[job.goal_id] = job
        job.task = asyncio.get_event_loop().create_task(run, name=name)
        self.busy_changed.emit(job.goal_id, True)
        self.update_actions()
        return job.task

    def retry(self, goal_id: str | None = None) -> None:
        job = self._jobs.get(goal_id or self.shown_goal() or "")
        if job is not None and callable(job.retry) and not job.busy:
            job.retry()
        elif job is None:
            self.start(goal_id)

    def cancel(self, goal_id: str | None = None) -> None:
        job = self._jobs.get(goal_id or self.shown_goal() or "")
        if job is not None and job.task is not None and not job.task.done():
            job.task.cancel()

    async def shutdown(self) -> None:
        """Cancel every generation and wait for them (a roadmap already complete is saved)."""
        self._closing = True
        tasks = [job.task for job in self._jobs.values() if job.task is not None and not job.task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        for dialog in self._dialogs:
            dialog.close()
        self._flush_timer.stop()

    async def _run(self, job: _Job, settings, previous: _Job | None, context: str | None = None) -> None:
        from goals_desktop.ai.generate import generate_and_save

        in_turns(self.service.warm_up_roadmap_save(), self.editor.scene.warm_up_preview())  # (see both)
        if previous is not None and previous.task is not None and not previous.task.done():
            await asyncio.gather(previous.task, return_exceptions=True)
        goal_id = job.goal_id
        before = self.service.get_goal(goal_id).roadmap
        log.info("Generating a roadmap for %s with %s", goal_id, settings.model)

        saves = []
        # Once milestones arrive, the count is the canvas's (the job's), not the parser's.
        on_event = self._follow(job, lambda text: words().received_milestones(len(job.nodes)) if job.nodes else core_sentence(text), saves)

        saved = await self._saving(
            job,
            lambda: generate_and_save(
                self.service, goal_id, settings, on_event, keep_partial=lambda ready: self._ask_keep_partial(goal_id, ready),
                progress=True, context=context,
            ),
            cancelled=self.tr("Generation cancelled; the roadmap is unchanged."),
            failed=self.tr("Generating the roadmap failed ({kind})."),
        )
        self._finished(job, before, saved, saves, lambda goal: self.tr("Roadmap generated: %n milestones.", "", len(goal.roadmap.nodes)))
        if saved is not None:
            log.info("Roadmap for %s saved: %d milestones", goal_id, len(saved.roadmap.nodes))

    async def _run_breakdown(self, job: _Job, settings) -> None:
        from goals_desktop.ai.breakdown import breakdown_and_save

        in_turns(self.service.warm_up_roadmap_save(), self.editor.scene.warm_up_preview())  # (see both)
        goal_id, node_id = job.goal_id, job.beside
        goal = self.service.get_goal(goal_id)
        before = goal.roadmap
        node = before.node(node_id) if before is not None else None
        label = node.label if node is not None else node_id
        log.info("Breaking down %s in %s with %s", node_id, goal_id, settings.model)

        def progress_text(text: str) -> str:
            if text.startswith(("Generating", "Received")):
                count = len(job.nodes)
                if count:
                    return self.tr("Breaking down “{label}”: %n sub-milestones so far...", "", count).format(label=label)
                return self.tr("Breaking down “{label}”...").format(label=label)
            return core_sentence(text)

        saves = []
        on_event = self._follow(job, progress_text, saves)

        saved = await self._saving(
            job,
            lambda: breakdown_and_save(
                self.service, goal_id, node_id, settings, on_event,
                keep_partial=lambda ready: self._ask_keep_partial(goal_id, ready), progress=True,
            ),
            cancelled=self.tr("Breakdown cancelled; the roadmap is unchanged."),
            failed=self.tr("Breaking the milestone down failed ({kind})."),
        )
        self._finished(
            job, before, saved, saves,
            lambda goal: self.tr("“{label}” broken down into %n sub-milestones.", "", len(goal.roadmap.nodes) - len(before.nodes)).format(label=label),
            text=self.tr("Break down “{label}”").format(label=label),
        )

    async def _saving(self, job: _Job, save: Callable[[], Any], cancelled: str, failed: str) -> Goal | None:
        """Await save() (a generation and its save): the goal as saved, or None when it was
        cancelled (the strip says `cancelled`) or failed (job.error says why; `failed` is the
        sentence for an unexpected error, {kind} its type)."""
        saved = None
        try:
            saved = await save()
            if saved is not None:
                await self._redraw_in_steps(job, saved)
        except asyncio.CancelledError:
            if saved is None:  # else it was saved, and the window is closing
                job.error = ""
                self._set_status(job, cancelled, job.tokens)
                self._clear_later(job)
            raise
        except Exception as error:  # a GoalsError from the service, e.g. the goal was deleted or its roadmap changed meanwhile
            job.error = str(error) if isinstance(error, GoalsError) else failed.format(kind=type(error).__name__)
        finally:
            self._job_ended(job)
        return saved

    def _finished(self, job: _Job, before: Roadmap | None, saved: Goal | None, saves: list, status, text: str | None = None) -> None:
        """After _saving: a saved roadmap gets its status line (status(goal)) and its undo step;
        a failure is reported (Retry possible)."""
        if saved is not None:
            job.error = ""
            self._set_status(job, status(saved), job.tokens)
            self._flush_status()
            self._clear_later(job)
            self._record_save(job.goal_id, before, saved, saves, text)
            self.saved.emit(job.goal_id)
        elif job.error:
            self._fail(job.goal_id, job.error)

    def _follow(self, job: _Job, describe: Callable[[str], str], saves: list) -> Callable[[Any], None]:
        """The event handler of a generation job: milestones onto the canvas as they arrive, the
        strip's text through describe (a status or progress text in, the text to show out), an
        error kept on the job, and the save's Success event appended to saves (for its undo step)."""
        from goals_desktop.ai.generate import Error, NodeAdded, Progress, RoadmapReady, Status, Success

        def on_event(event) -> None:
            if isinstance(event, Success):
                saves.append(event)
            elif isinstance(event, NodeAdded):
                job.nodes.append((event.node, list(event.depends_on)))
                self._show_node(job.goal_id, event.node, event.depends_on)
                # Shown at once, not throttled: the count must match the canvas at every moment.
                self._set_status(job, describe("Received"), job.tokens)
                self._flush_status()
            elif isinstance(event, (Status, Progress)):
                self._set_status(job, describe(event.text), event.tokens)
            elif isinstance(event, RoadmapReady) and event.partial:
                self._set_status(job, event.reason, job.tokens)
            elif isinstance(event, Error):
                job.error = event.message

        return on_event

    def _record_save(self, goal_id: str, before: Roadmap | None, saved: Goal, saves: list, text: str | None = None) -> None:
        success = saves[-1] if saves else None  # the save's Success event, from _follow
        self.record(goal_id, before, saved, success.unlinked if success else (), text, success.overwritten if success else None)

    def record(
        self, goal_id: str, before: Roadmap | None, saved: Goal, lost_links=(), text: str | None = None, overwritten=None
    ) -> None:
        """Make a roadmap just saved for goal_id (the goal as saved) one undo step; lost_links and
        overwritten are what its save (an Outcome) reported."""
        command = ReplaceRoadmapCommand(self.service, goal_id, before, saved.roadmap, lost_links, text, overwritten)
        self.context.push(command, already_applied=True)

    async def _redraw_in_steps(self, job: _Job, saved: Goal) -> None:
        """The answer's last line, its save and the redraw from it were a generation's longest loop
        step: the layout, the save (generate.save_when_ready) and each part of the redraw get their own."""
        job.saved = saved
        for step in (self.editor.show_saved, self.editor.plan_saved, self.editor.show_plan_saved, self._end_preview):
            await next_turn()
            if self._preview_goal == job.goal_id:
                step(saved)
        await next_turn()

    def _end_preview(self, saved: Goal) -> None:
        self._preview_goal = None  # (_job_ended, a step later, fits the view to it)
        self.editor.end_preview(saved, fit=False)

    def _job_ended(self, job: _Job) -> None:
        job.busy = False
        if self._preview_goal == job.goal_id:
            self._preview_goal = None
            self.editor.end_preview(job.saved)
        elif job.saved is not None and self.editor.shown_goal() is job.saved:
            self.editor.initial_view()  # (the preview ended in the step before: _redraw_in_steps)
        self.busy_changed.emit(job.goal_id, False)
        self._dirty.add(job.goal_id)
        self._flush_status()
        self._actions_timer.start()  # in a step of its own: it loads the goal, and the redraw just did

    # -- after creating a goal -------------------------------------------------------------------

    def offer_generation(self, goal_id: str):
        """After a goal is created: offer to draw its roadmap now (only when a provider is set up), with
        an optional note about the person for the model. Returns the non-modal dialog (kept as `offer`) or None."""
        from goals_desktop.ai.settings import load_settings

        self.offer = None
        try:
            if not load_settings().configured:
                return None
            goal = self.service.get_goal(goal_id)
        except GoalsError:
            return None
        dialog = OfferGenerationDialog(goal.title, self.editor.window())
        self._open(dialog, lambda: self.start(goal_id, context=dialog.context()))
        self.offer = dialog
        return dialog

    def _open(self, dialog, accepted: Callable[[], object]) -> None:
        """Open a non-modal dialog, kept (and closed at shutdown) until it finishes; accepted() if accepted."""
        self._dialogs.append(dialog)

        def done(result: int) -> None:
            if dialog in self._dialogs:
                self._dialogs.remove(dialog)
            dialog.deleteLater()
            if result:
                accepted()

        dialog.finished.connect(done)
        dialog.open()

    # -- preview and status -------------------------------------------------------------------

    def _show_node(self, goal_id: str, node: Node, depends_on: list[str]) -> None:
        if self.shown_goal() != goal_id:
            self._sync_preview()
            return
        if self._preview_goal != goal_id:
            self._sync_preview()  # begins the preview with every node so far
        else:
            job = self._jobs.get(goal_id)
            self.editor.preview_add_node(node, depends_on, beside=job.beside if job else None)

    def _sync_preview(self) -> None:
        shown = self.shown_goal()
        if self._preview_goal is not None and self._preview_goal != shown:
            self._preview_goal = None
            self.editor.end_preview()
        job = self._jobs.get(shown or "")
        if job is not None and job.busy and job.nodes and self._preview_goal != shown:
            self._preview_goal = shown
            # A breakdown streams in next to its milestone, the roadmap staying in view.
            self.editor.begin_preview(keep_roadmap=job.beside is not None)
            for node, depends_on in job.nodes:
                self.editor.preview_add_node(node, depends_on, beside=job.beside)

    def _set_status(self, job: _Job, text: str, tokens: int) -> None:
        job.status, job.tokens = text, max(tokens, job.tokens)
        self._dirty.add(job.goal_id)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _clear_later(self, job: _Job) -> None:
        """Clear a finished job's status after CLEAR_AFTER_MS, unless something newer replaced it."""
        status = job.status

        def clear() -> None:
            if self._jobs.get(job.goal_id) is job and not job.busy and not job.error and job.status == status:
                job.status, job.tokens = "", 0
                self._dirty.add(job.goal_id)
                self._flush_status()

        QTimer.singleShot(CLEAR_AFTER_MS, self, clear)

    def _flush_status(self) -> None:
        dirty, self._dirty = self._dirty, set()
        for goal_id in dirty:
            job = self._jobs.get(goal_id)
            if job is not None:
                self.status_changed.emit(goal_id, job.error or job.status)
                self.tokens_changed.emit(goal_id, job.tokens)

    def _fail(self, goal_id: str, message: str) -> None:
        log.warning("Generation for %s failed: %s", goal_id, message)
        job = self._jobs.setdefault(goal_id, _Job(goal_id, busy=False))
        job.error = message
        self.status_changed.emit(goal_id, message)
        self.failed.emit(goal_id, message)

    # -- dialogs (never exec() inside a coroutine) ---------------------------------------------

    async def _ask_keep_partial(self, goal_id: str, ready) -> bool:
        return await ask_keep_partial(ready, self.editor.window(), self._dialogs)

    def open_provider_dialog(self, then_generate: str | None = None):
        from goals_desktop.ui.provider_dialog import ProviderDialog

        dialog = ProviderDialog(self.editor.window())
        self._open(dialog, lambda: then_generate and self.start(then_generate))
        self.configure_requested.emit()
        return dialog

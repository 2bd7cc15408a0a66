"""While the window runs, Python's garbage collector runs on the Qt thread only.

CPython collects in whichever thread allocates past a threshold: a worker of the window's loop
(asyncio.to_thread, which qasync runs in QThreads: the AI client's first import of openai, the Local
API's imports) or a Local API service thread. A Qt object in a reference cycle collected there is
destroyed off its own thread; its timers stay registered with the Qt thread's event dispatcher, and
the next timer event is delivered to freed memory (a segfault in QTimerInfoList::activateTimers).

So the automatic collector is turned off and a coarse timer on the Qt thread collects the generation
CPython would have collected, by CPython's own thresholds. Garbage made between two ticks waits at
most one tick."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Qt, QTimer

TICK_MS = 500


class QtThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self, interval=TICK_MS, timerType=Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    @staticmethod
    def collect_due() -> None:
        """The oldest generation whose count is past its threshold, as CPython's allocator would
        pick it (gc.collect(n) also collects the younger ones and resets the counts alike)."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if thresholds[generation] and counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_the_qt_thread(app: QObject) -> QtThreadCollector:
    """The application's collector, made once."""
    existing = app.findChild(QtThreadCollector)
    return existing if existing is not None else QtThreadCollector(app)

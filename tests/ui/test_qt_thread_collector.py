"""The window's garbage is collected on the Qt thread, never by a worker thread that allocates
(goals_desktop/ui/qt_thread_collector.py). Before, a Qt timer in a reference cycle could be destroyed
by a collection in a loop's executor thread, and the Qt thread's next timer event crashed the app."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QTimer

from goals_desktop.ui.qt_thread_collector import TICK_MS, collect_on_the_qt_thread


class _Holder:
    pass


def test_a_cycle_holding_a_running_qt_timer_is_collected_on_the_qt_thread(qapp, qtbot):
    collect_on_the_qt_thread(qapp)
    assert collect_on_the_qt_thread(qapp) is collect_on_the_qt_thread(qapp)  # one per application
    collected_on = []
    gc.collect()  # the cycle below is the youngest generation's: the first collection anywhere takes it
    holder = _Holder()
    holder.itself = holder
    holder.timer = QTimer(interval=5)
    holder.timer.start()
    weakref.finalize(holder, lambda: collected_on.append(threading.current_thread()))
    del holder

    def allocate_like_an_import():
        garbage = [[] for _ in range(3 * gc.get_threshold()[0])]
        for item in garbage:
            item.append(item)  # cycles left for the collector, as an import's temporaries are

    worker = threading.Thread(target=allocate_like_an_import, name="executor-like")
    worker.start()
    worker.join()
    assert collected_on == [], f"collected by {collected_on[0].name}, off the Qt thread"

    qtbot.waitUntil(lambda: bool(collected_on), timeout=4 * TICK_MS)
    assert collected_on == [threading.main_thread()]
    qtbot.wait(50)  # the timer's thread keeps dispatching events: nothing of the timer is left in it

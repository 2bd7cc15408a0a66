"""The window's event loop. Its own module so that qasync loads when the loop starts (app.run_app's
last step), not with the panels."""

from __future__ import annotations

import sys

import qasync


class WindowLoop(qasync.QEventLoop):
    """qasync's loop (the window's), with the async-generator hooks asyncio's own loops install in
    run_forever and qasync's does not: without them an async generator left mid-way (a cancelled
    generation's HTTP stream) is finalised by the garbage collector with no loop to close it on, its
    cleanup cut short, and asyncio.Runner's shutdown_asyncgens finds nothing to close."""

    def run_forever(self):
        before = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook, finalizer=self._asyncgen_finalizer_hook)
        try:
            return super().run_forever()
        finally:
            sys.set_asyncgen_hooks(*before)

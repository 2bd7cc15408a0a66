"""The window's event loop closes an async generator left mid-way on the loop itself, as asyncio's
own loops do: a cancelled generation's HTTP stream gets its whole cleanup."""

import asyncio
import gc

import qasync

from goals_desktop.ui.window_loop import WindowLoop


def _leave_a_generator_mid_way(loop_factory) -> list[str]:
    cleaned = []

    async def chunks():
        try:
            while True:
                yield b"chunk"
        finally:
            await asyncio.sleep(0)  # cleanup that awaits, as an HTTP stream's does
            cleaned.append("closed on the loop")

    async def scenario():
        stream = chunks()
        await stream.__anext__()
        del stream
        gc.collect()
        for _ in range(5):
            await asyncio.sleep(0.01)

    with asyncio.Runner(loop_factory=loop_factory) as runner:
        runner.run(scenario())
    return cleaned


def test_an_async_generator_left_mid_way_is_closed_on_the_window_loop(qapp):
    assert _leave_a_generator_mid_way(WindowLoop) == ["closed on the loop"]


def test_qasyncs_own_loop_still_needs_this(qapp, recwarn):
    """If qasync ever installs the hooks itself, WindowLoop can go."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _leave_a_generator_mid_way(qasync.QEventLoop) == []

"""Child processes that cannot outlive the test: the kernel SIGKILLs them when the test process
dies, even by SIGKILL (PR_SET_PDEATHSIG), so a killed or timed-out run leaves nothing behind."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from collections.abc import Sequence

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """preexec_fn: SIGKILL this child when its parent dies."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died between fork and prctl: then no signal would ever come.
    if os.getppid() == 1:
        os._exit(1)


def start_child(argv: Sequence[str], **kwargs) -> subprocess.Popen:
    """Popen whose child dies with us. Call it from a thread that lives as long as the child:
    Linux sends the signal when the thread that forked exits."""
    return subprocess.Popen(list(argv), preexec_fn=die_with_parent, **kwargs)

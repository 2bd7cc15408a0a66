"""Run as `python -m tests.storage.lock_probe FILE`: prints which process holds SQLite's SHARED
lock on FILE ("<pid>", or "none"). Runs in its own process because POSIX locks of the caller's
own process are invisible to F_GETLK."""

from __future__ import annotations

import fcntl
import os
import struct
import sys

# SQLite's unix VFS: SHARED locks are read locks on these bytes (see os_unix.c, PENDING_BYTE).
PENDING_BYTE = 0x40000000
SHARED_FIRST = PENDING_BYTE + 2
SHARED_SIZE = 510
_FLOCK = "hhqqi"  # struct flock on Linux x86-64/aarch64: type, whence, start, len, pid


def shared_lock_holder(path: str) -> int | None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        request = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, SHARED_FIRST, SHARED_SIZE, 0)
        kind, _whence, _start, _length, pid = struct.unpack(_FLOCK, fcntl.fcntl(descriptor, fcntl.F_GETLK, request))
    finally:
        os.close(descriptor)
    return None if kind == fcntl.F_UNLCK else pid


if __name__ == "__main__":
    holder = shared_lock_holder(sys.argv[1])
    print("none" if holder is None else holder)

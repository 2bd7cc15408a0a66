"""The environment for a benchmark's child processes."""

from __future__ import annotations

from pathlib import Path


def from_bytecode(env: dict[str, str], scratch: Path) -> dict[str, str]:
    """env, with every module run from bytecode, as an installed copy does (pip compiles at install).

    Where PYTHONDONTWRITEBYTECODE is set (it is on the build machine) our source modules would be
    compiled on every start while the libraries came with .pyc files, about 40 ms against us. The
    first (warm-up, unmeasured) start writes every module's bytecode to a cache of this run's own."""
    env = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


__all__ = ["from_bytecode"]

"""The CLI package's shape: each command imports only its own group, the window imports none, the
group table is the whole registry, and nothing below the faces imports the CLI."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import goals_desktop
from goals_desktop import cli

PACKAGE = Path(goals_desktop.__file__).parent
GROUP_MODULES = set(cli.GROUPS.values())
# What `goals list` has no use for: the window, the AI client, any server stack, migrations.
HEAVY = ("PySide6", "qasync", "openai", "httpx", "fastapi", "starlette", "uvicorn", "alembic", "keyring", "goals_desktop.ui",
         "goals_desktop.app", "goals_desktop.ai")


# Report sys.modules at exit: unlike -X importtime, it also sees modules loaded with importlib.
_REPORT = "import atexit, sys; atexit.register(lambda: print('MODULES', *sorted(sys.modules), file=sys.stderr)); "
_ENTRY = "import runpy; runpy.run_module('goals_desktop', run_name='__main__', alter_sys=True)"


def imported_modules(*args: str, env: dict | None = None, code: str = _ENTRY) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run the real entry point in a fresh interpreter; return it and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-c", _REPORT + code, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120
    )
    [report] = [line for line in done.stderr.splitlines() if line.startswith("MODULES ")]
    done.stderr = done.stderr.replace(report + "\n", "")
    return done, set(report.split()[1:])


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture
def existing(service, db_path):
    """A database already made (a new one runs its migrations, with Alembic), holding one goal: its
    file path or its URL (on PostgreSQL the service has no path, and `--database None` made a file
    named None in the working directory)."""
    service.create_goal("Already here")
    return db_path


def test_goals_list_imports_its_group_and_nothing_heavy(existing):
    done, modules = imported_modules("goals", "list")
    assert done.returncode == 0, done.stderr
    assert "Already here" in done.stdout
    assert "goals_desktop.cli.goals" in modules and "sqlalchemy" in modules
    assert heavy_in(modules) == []
    assert GROUP_MODULES & modules == {"goals_desktop.cli.goals"}


@pytest.mark.parametrize(
    ("argv", "group"),
    [
        (["todos", "list"], "todos"),
        (["db", "path"], "db"),
        (["--database", "{db}", "goals", "list", "--json"], "goals"),
        (["--database={db}", "todos", "list"], "todos"),
        (["--data", "{db}", "db", "path"], "db"),  # argparse takes a prefix of --database, and so must we
    ],
)
def test_a_command_imports_only_its_own_group(existing, argv, group):
    done, modules = imported_modules(*(a.format(db=existing) for a in argv))
    assert done.returncode == 0, done.stderr
    assert GROUP_MODULES & modules == {cli.GROUPS[group]}
    assert heavy_in(modules) == []


@pytest.mark.sqlite_only  # "no database opened" is seen as "no file made"
def test_ai_configure_opens_no_database_and_no_client(tmp_path, db_path):
    done, modules = imported_modules("ai", "configure", "--preset", "ollama", env={"GOALS_DESKTOP_CONFIG_DIR": str(tmp_path / "cfg")})
    assert done.returncode == 0, done.stderr
    assert GROUP_MODULES & modules == {"goals_desktop.cli.ai"}
    assert not {"openai", "sqlalchemy", "goals_desktop.storage"} & modules
    assert not db_path.exists()


def test_help_and_unknown_commands_list_every_group(db_path):
    done, modules = imported_modules("--help")
    assert done.returncode == 0
    assert GROUP_MODULES <= modules
    for name in cli.GROUPS:
        assert f"    {name} " in done.stdout
    done, modules = imported_modules("nonsense")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert all(repr(name) in done.stderr for name in cli.GROUPS)


WINDOW_ENV = {"GOALS_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1", "QT_QPA_PLATFORM": "offscreen"}


@pytest.mark.parametrize(
    "launch",
    [
        pytest.param({}, id="goals-desktop"),
        pytest.param({"code": "import sys; from goals_desktop.cli import gui_main; raise SystemExit(gui_main())"},
                     id="gui_main"),
    ],
)
def test_launching_the_window_imports_no_command_group(tmp_path, db_path, launch):
    env = {**WINDOW_ENV, "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done, modules = imported_modules(env=env, **launch)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "first-paint" in done.stdout
    assert "goals_desktop.app" in modules
    assert not {m for m in modules if m.startswith("goals_desktop.cli.")}, "the window imported a command group"


def test_the_window_gets_the_database_option(tmp_path, monkeypatch):
    chosen = tmp_path / "chosen.sqlite3"
    monkeypatch.delenv("GOALS_DESKTOP_DATABASE", raising=False)
    env = {**WINDOW_ENV, "GOALS_DESKTOP_LOG_DIR": str(tmp_path / "logs"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    done, _ = imported_modules("--database", str(chosen), env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert chosen.is_file() and not (tmp_path / "data").exists()


def test_each_group_registers_exactly_its_command():
    for name in cli.GROUPS:
        parser = cli.build_parser([name])
        [commands] = [a for a in parser._actions if a.dest == "command"]
        assert list(commands.choices) == [name]
    assert list(cli.build_parser()._subparsers._group_actions[0].choices) == list(cli.GROUPS)


def test_goals_group_holds_todo_and_delete_todos_itself():
    args = cli.build_parser(["goals"]).parse_args(["goals", "delete", "goal_1", "--delete-todos"])
    assert args.delete_todos is True and args.handler.__module__ == "goals_desktop.cli.goals"
    args = cli.build_parser(["goals"]).parse_args(["goals", "todo", "goal_1", "--node", "n1"])
    assert (args.goal_id, args.node) == ("goal_1", "n1") and args.handler.__module__ == "goals_desktop.cli.goals"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.update(f"{base}.{alias.name}" for alias in node.names)
            found.add(base)
    return found


def test_nothing_below_the_faces_imports_the_cli():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "cli" or relative.name == "__main__.py":  # __main__ is the CLI's entry point
            continue
        if any(name == "goals_desktop.cli" or name.startswith("goals_desktop.cli.") for name in imports_of(path)):
            offenders.append(str(relative))
    assert offenders == []
    # The check itself sees an import of the CLI where there is one.
    assert "goals_desktop.cli.main" in imports_of(PACKAGE / "__main__.py")

"""Shared fixtures: a real database per test — an SQLite file, or a fresh database on a real
PostgreSQL server the session starts itself (see tests/support/backends.py for which tests run on
which) — and Qt set to render offscreen."""

import os

# Before anything imports Qt: no display needed, and qasync must pick PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
# Hundreds of tests start the app as a new process (`python -m goals_desktop ...`). Where
# PYTHONDONTWRITEBYTECODE is set (some CI images and sandboxes set it), every one of them compiled
# the package's modules again, a fifth of its CPU time: the run's processes (the xdist workers and
# what they start) keep bytecode in __pycache__ folders, as Python does by default (git ignores them).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import pytest

from goals_desktop.storage import Database, GoalService
from tests.support.backends import DatabasePool, backends_for

# A helper module whose asserts should read like a test's when they fail (imported by tests later).
pytest.register_assert_rewrite("tests.support.linked_todos")

# The session fails when it leaves new untracked files in the repository; the frozen app is built in
# the background while the other tests run; the CLI tests' processes are forks of a server that has
# imported the CLI once (stopped with the session).
pytest_plugins = ["tests.support.stray_files", "tests.support.frozen_build", "tests.support.cli_forks"]


def pytest_generate_tests(metafunc):
    if "backend" in metafunc.fixturenames:
        sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", backends_for(metafunc.definition.path, sqlite_only), indirect=True)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """One real PostgreSQL for the session, stopped at the end (and killed with us if we are killed)."""
    from tests.support.backends import BACKENDS_ENV
    from tests.support.postgres_server import PostgresServer, ServerUnavailable, reap_leftovers

    if os.environ.get(BACKENDS_ENV, "").strip().lower() == "sqlite":
        pytest.skip(f"{BACKENDS_ENV}=sqlite: no PostgreSQL server in this run")
    reap_leftovers()
    try:
        server = PostgresServer().start()
    except ServerUnavailable as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL tests cannot run: {error}")
        pytest.skip(f"PostgreSQL tests cannot run: {error}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_pool(pg_server):
    pool = DatabasePool(pg_server)
    yield pool
    pool.close()


@pytest.fixture
def backend(request):
    """'sqlite' or 'postgres' (parametrized by pytest_generate_tests)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database_url(backend, tmp_path, monkeypatch, request):
    """Where this test's data lives: an SQLite file path, or a postgresql:// URL of a fresh database."""
    if backend == "postgres":
        pool = request.getfixturevalue("pg_pool")
        name = pool.acquire()
        target = pool.server.url(name)
    else:
        target = tmp_path / "goals.sqlite3"
    # Keep every face (CLI, window) of a test on this database, never the user's real one.
    monkeypatch.setenv("GOALS_DESKTOP_DATABASE", str(target))
    yield target
    if backend == "postgres":
        pool.release(name)


@pytest.fixture
def db_path(database_url):
    """The test's database: a Path on SQLite, a postgresql:// URL string on PostgreSQL."""
    return database_url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    from tests.support.backends import SQLiteTemplate

    return SQLiteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture
def service(db_path, sqlite_template):
    sqlite_template.start(db_path)
    database = Database(db_path)
    yield GoalService(database)
    database.close()


SEED_GOAL = {
    "id": "goal_123",
    "title": "Learn Machine Learning",
    "description": "Master ML fundamentals and build 3 projects",
    "target_date": "2026-12-31T00:00:00Z",
    "roadmap": {
        "nodes": [
            {"id": "node_1", "label": "Complete Python basics", "completed": True, "position": {"x": 100, "y": 100}},
            {"id": "node_2", "label": "Study linear algebra", "completed": False, "position": {"x": 200, "y": 100}},
        ],
        "edges": [{"id": "edge_1", "source": "node_1", "target": "node_2"}],
    },
    "progress": 25,
    "status": "active",
    "created_at": "2026-02-19T10:00:00Z",
    "updated_at": "2026-02-19T10:00:00Z",
}


@pytest.fixture
def seed_goal():
    import copy

    return copy.deepcopy(SEED_GOAL)


@pytest.fixture
def ai_env(tmp_path, monkeypatch):
    """Own config dir, no ambient provider env, no key left from another test (autouse in tests/ai
    and tests/cli; asked for by name elsewhere)."""
    from goals_desktop.ai import settings as ai_settings

    monkeypatch.setenv("GOALS_DESKTOP_CONFIG_DIR", str(tmp_path / "config"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "GOALS_DESKTOP_MODEL"):
        monkeypatch.delenv(name, raising=False)
    ai_settings._session_keys.clear()
    yield tmp_path / "config"
    ai_settings._session_keys.clear()


@pytest.fixture(scope="module")
def module_llm():
    """One loopback OpenAI-compatible server (tests/support/openai_server.py) per test module."""
    from tests.support.openai_server import OpenAIServer

    with OpenAIServer() as server:
        yield server


@pytest.fixture
def llm_server(module_llm, ai_env):
    """This test's own endpoint on the module's loopback model server (nothing scripted, nothing
    recorded, no stream of an earlier test counted), settings isolated."""
    return module_llm.tenant()


@pytest.fixture
def provider(llm_server):
    """Provider settings pointing at the loopback server (not saved)."""
    from goals_desktop.ai import settings as ai_settings

    return ai_settings.ProviderSettings(preset="custom", base_url=llm_server.base_url, model="test-model")


@pytest.fixture
def goal(service):
    return service.create_goal("Learn Machine Learning", "Master ML fundamentals", "2026-12-31")


@pytest.fixture
def qrun(qapp):
    """Run a coroutine function to the end on a qasync loop (the window's loop), with a time limit."""
    import asyncio

    from goals_desktop.ui.window_loop import WindowLoop

    def run(coro_fn, timeout=30):
        with asyncio.Runner(loop_factory=WindowLoop) as runner:
            return runner.run(asyncio.wait_for(coro_fn(), timeout))

    return run


@pytest.fixture(scope="session")
def frozen_app(request):
    """The double-click app built with PyInstaller, once per test run, also when pytest-xdist runs the
    tests in several workers (tests/packaging, tests/ui): the build starts in the background when the
    tests are collected, and the tests that use it run last (tests/support/frozen_build.py)."""
    from tests.support.frozen_build import built_app

    return built_app(request.config)


_qt_collector = []


@pytest.fixture(autouse=True)
def collector_on_the_qt_thread(request):
    """As in the app (goals_desktop/ui/qt_thread_collector.py): once a test has a QApplication, the
    garbage collector runs on the Qt thread only; otherwise a worker thread of a later test (a loop's
    executor, the Local API's, a loopback server's) can collect an earlier test's Qt objects and crash
    the run. Each test ends with the collection that is due, so tests without events collect too."""
    if "qapp" in request.fixturenames and not _qt_collector:
        from goals_desktop.ui.qt_thread_collector import collect_on_the_qt_thread

        _qt_collector.append(collect_on_the_qt_thread(request.getfixturevalue("qapp")))
    yield
    if _qt_collector:
        _qt_collector[0].collect_due()


_english_catalogue = []


@pytest.fixture(autouse=True)
def english_plurals(request):
    """Windows in tests speak as the app does in English: with the catalogue of English plural
    forms ("1 milestone", not "1 milestones") that goals_desktop.ui.language installs at start."""
    if "qapp" in request.fixturenames and not _english_catalogue:
        request.getfixturevalue("qapp")
        from PySide6.QtCore import QCoreApplication, QTranslator

        from goals_desktop.ui.language import CATALOG, I18N_DIR

        translator = QTranslator()
        if translator.load(f"{CATALOG}_en", str(I18N_DIR)):
            QCoreApplication.installTranslator(translator)
            _english_catalogue.append(translator)
    yield

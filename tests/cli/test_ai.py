"""The AI commands through the real entry point: `roadmap generate` and `ai configure|models|test`
against a loopback OpenAI-compatible server."""

import json
import os

import pytest

from tests.support.cli_forks import run_cli
from tests.support.openai_server import Reply, milestone_lines


def run(*args, env=None, stdin=None):
    return run_cli(args, env=env, input=stdin, timeout=60)


@pytest.fixture
def cli_env(llm_server, db_path, ai_env):
    env = dict(os.environ)
    env.update(OPENAI_BASE_URL=llm_server.base_url, GOALS_DESKTOP_MODEL="test-model", GOALS_DESKTOP_CONFIG_DIR=str(ai_env))
    return env


def test_cli_generate_human(llm_server, service, goal, cli_env):
    llm_server.script(Reply(content=milestone_lines(6)))
    result = run("roadmap", "generate", goal.id, env=cli_env)
    assert result.returncode == 0, result.stderr
    assert "  + Milestone 6" in result.stdout and "Saved the roadmap" in result.stdout
    assert len(service.get_goal(goal.id).roadmap.nodes) == 6


def test_cli_generate_json_frames(llm_server, service, goal, cli_env):
    llm_server.script(Reply(content=milestone_lines(6)))
    result = run("roadmap", "generate", goal.id, "--json", env=cli_env)
    frames = [json.loads(line) for line in result.stdout.splitlines()]
    assert frames[0] == {"status": "Connecting to model..."}
    assert frames[-1] == {"goal_id": goal.id, "success": True}
    assert len(frames[-2]["roadmap"]["nodes"]) == 6


def test_cli_errors_exit_nonzero(llm_server, service, goal, cli_env):
    llm_server.script(Reply(status=401))
    result = run("roadmap", "generate", goal.id, "--json", env=cli_env)
    assert result.returncode == 1
    assert "API key" in json.loads(result.stdout.splitlines()[-1])["error"]
    llm_server.script(Reply(status=500))
    result = run("roadmap", "generate", goal.id, env=cli_env)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert service.get_goal(goal.id).roadmap is None
    result = run("roadmap", "generate", "goal_nope", env=cli_env)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_cli_regenerate_names_the_todo_it_unlinked(llm_server, service, goal, cli_env):
    llm_server.script(Reply(content=milestone_lines(6)))
    assert run("roadmap", "generate", goal.id, env=cli_env).returncode == 0
    service.todo_from_node(goal.id, service.get_goal(goal.id).roadmap.nodes[-1].id)
    llm_server.script(Reply(content=milestone_lines(3, prefix="Shorter")))
    result = run("roadmap", "generate", goal.id, env=cli_env)
    assert result.returncode == 0, result.stderr
    assert "Note: todo 'Milestone 6' lost its milestone; it was kept, unlinked." in result.stdout.splitlines()
    assert "LostLink(" not in result.stdout


def test_cli_partial_needs_flag(llm_server, service, goal, cli_env):
    cut = milestone_lines(6) + '{"id": "m7"'
    llm_server.script(Reply(content=cut, finish_reason="length"), Reply(content=cut, finish_reason="length"))
    assert run("roadmap", "generate", goal.id, env=cli_env).returncode == 1
    assert service.get_goal(goal.id).roadmap is None
    assert run("roadmap", "generate", goal.id, "--keep-partial", env=cli_env).returncode == 0
    assert len(service.get_goal(goal.id).roadmap.nodes) == 6


def test_cli_configure_models_test(llm_server, ai_env, db_path):
    env = dict(os.environ, GOALS_DESKTOP_CONFIG_DIR=str(ai_env))
    result = run("ai", "configure", "--base-url", llm_server.base_url, "--model", "test-model", "--api-key-stdin", env=env, stdin="sk-secret-123\n")
    assert result.returncode == 0, result.stderr
    assert "session only" in result.stdout  # no keyring backend on this machine
    assert "sk-secret" not in (ai_env / "ai.json").read_text()
    assert run("ai", "models", env=env).stdout.split() == ["other-model", "test-model"]
    assert "Connected" in run("ai", "test", env=env).stdout
    bad = run("ai", "configure", "--model", "missing", env=env)
    assert bad.returncode == 0
    result = run("ai", "test", env=env)
    assert result.returncode == 1 and "no model named 'missing'" in result.stderr

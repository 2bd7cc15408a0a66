"""Kill a writer with SIGKILL at random moments, many times; nothing committed may be lost or half-applied."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from goals_desktop.domain import rules
from goals_desktop.storage import Database, GoalService
from tests.safety.crash_writer import roadmap_for
from tests.support.cli_forks import start_module

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("SAFETY_KILLS", "32"))
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def canonical_roadmap(roadmap: dict | None):
    if roadmap is None:
        return None
    return (
        tuple(
            (n["id"], n["label"], n["completed"], float(n["position"]["x"]), float(n["position"]["y"]))
            for n in roadmap["nodes"]
        ),
        tuple((e["id"], e["source"], e["target"]) for e in roadmap["edges"]),
    )


def apply(model: dict, titles: dict, op: dict, new_id: str | None = None) -> dict:
    """The model after op: {goal title: canonical roadmap}."""
    model = dict(model)  # values are tuples: a shallow copy is a full copy
    if op["op"] == "create":
        model[op["title"]] = None
        if new_id:
            titles[new_id] = op["title"]
        return model
    title = titles[op["goal"]]
    if op["op"] == "roadmap":
        model[title] = canonical_roadmap(
            {
                "nodes": [{**n, "completed": False} for n in roadmap_for(op["gen"])["nodes"]],
                "edges": roadmap_for(op["gen"])["edges"],
            }
        )
        return model
    nodes, edges = model[title]
    nodes = list(nodes)
    for index, (node_id, label, completed, x, y) in enumerate(nodes):
        if op["op"] == "toggle" and node_id == op["node"]:
            nodes[index] = (node_id, label, op["completed"], x, y)
        elif op["op"] == "move" and node_id in op["positions"]:
            nodes[index] = (node_id, label, completed, *map(float, op["positions"][node_id]))
    model[title] = (tuple(nodes), edges)
    return model


def run_writer_until_killed(path: Path | str, seed: int, rnd: random.Random) -> tuple[list[str], str]:
    if rnd.random() < 0.15:
        moment = "startup"  # during interpreter start, opening, or the first migration: a new interpreter
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.safety.crash_writer", str(path), str(seed)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    else:
        # After READY, where how Python started no longer matters: a fork of the CLI fork server,
        # which imported the storage stack and both drivers once and opened no database.
        moment = "writing"
        process = start_module("tests.safety.crash_writer", [str(path), str(seed)], cwd=ROOT)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if moment == "startup":
        time.sleep(rnd.uniform(0.0, 0.4))
    else:
        assert ready.wait(30), "writer never started: " + process.stderr.read()
        time.sleep(rnd.uniform(0.0, 0.35))
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    reader.join(30)
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert "Traceback" not in stderr, stderr
    return lines, moment


def database_state(path: Path | str) -> tuple[dict, dict]:
    # (A server checks its own pages and foreign keys; a file is checked here.)
    if isinstance(path, Path):
        raw = sqlite3.connect(path)
        try:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            raw.close()
    database = Database(path)
    try:
        exported = GoalService(database).export_goals()
    finally:
        database.close()
    state, ids = {}, {}
    for goal in exported:
        state[goal["title"]] = canonical_roadmap(goal["roadmap"])
        ids[goal["id"]] = goal["title"]
        nodes = goal["roadmap"]["nodes"] if goal["roadmap"] else []
        done = sum(n["completed"] for n in nodes)
        # Progress and status are written in the same transaction as the toggle that changes them.
        assert goal["progress"] == rules.compute_progress([n["completed"] for n in nodes])
        assert goal["status"] == ("completed" if nodes and done == len(nodes) else "active")
    return state, ids


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_committed_and_half_applies_nothing(database_url):
    path = database_url  # a new file, or an empty database on a PostgreSQL server
    rnd = random.Random(20261128)
    model: dict = {}
    titles: dict = {}
    figures = {"kills": 0, "calls_committed": 0, "in_flight_at_kill": 0, "in_flight_landed": 0, "startup_kills": 0}
    for run in range(KILLS):
        lines, moment = run_writer_until_killed(path, seed=run + 1, rnd=rnd)
        figures["kills"] += 1
        figures["startup_kills"] += moment == "startup"
        pending = None
        for line in lines:
            kind, _, payload = line.partition(" ")
            if kind == "P":
                pending = json.loads(payload)
            elif kind == "C":
                result = json.loads(payload)
                model = apply(model, titles, pending, result.get("id"))
                figures["calls_committed"] += 1
                pending = None
        if isinstance(path, Path) and not path.exists():
            assert model == {}
            continue
        state, ids = database_state(path)
        if pending is not None:
            figures["in_flight_at_kill"] += 1
        if pending is None or state == model:
            assert state == model, f"run {run}: committed changes missing or extra ones present"
        else:
            landed = apply(model, titles, pending)
            assert state == landed, f"run {run}: a half-applied {pending['op']} (neither wholly old nor wholly new)"
            figures["in_flight_landed"] += 1
            model = landed
        titles.update(ids)
    print(f"\ncrash figures: {figures}")
    assert figures["calls_committed"] > KILLS * 5, "the writer barely ran; kills did not hit real work"

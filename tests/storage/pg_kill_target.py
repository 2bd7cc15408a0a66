"""Run only by test_postgres.py, in a child pytest it SIGKILLs: start the session's PostgreSQL the
way every test run does, say where it is, and wait to be killed. (Not a test_*.py file, so the
normal run never collects it.)"""

import time


def test_start_the_server_and_wait_to_be_killed(pg_server):
    print(f"SERVER {pg_server.pid} {pg_server.root}", flush=True)
    time.sleep(120)

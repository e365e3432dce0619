"""Bad configuration stops start-up with a clear message; production passes --deploy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env_overrides):
    # A bare environment, as on a server: no test database, no test-only switches.
    ignored = {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "database_url",
    ["not-a-url", "postgres//missing-colon", "nosuchdb://host/name", "postgres://u@h:port/db"],
)
def test_malformed_database_url_stops_with_a_message(database_url):
    result = manage("check", DATABASE_URL=database_url)

    assert result.returncode != 0
    assert "Configuration error: DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_secret_key_stops_with_a_message():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="volunteer_portal.settings.production", SECRET_KEY=""
    )

    assert result.returncode != 0
    assert "Configuration error: SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr


def test_local_settings_with_debug_off_need_a_secret_key():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="volunteer_portal.settings.local",
        DEBUG="false",
        SECRET_KEY="",
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="volunteer_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.org",
        PORTAL_BASE_URL="https://portal.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "base_url", ["", "http://localhost:8000", "http://127.0.0.1:8000", "portal.example.org"]
)
def test_production_needs_a_portal_base_url_people_can_reach(base_url):
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="volunteer_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.org",
        PORTAL_BASE_URL=base_url,
    )

    assert result.returncode != 0
    assert "Configuration error: PORTAL_BASE_URL must be set in production" in result.stderr
    assert "Traceback" not in result.stderr


def test_times_are_stored_in_utc(settings):
    assert settings.USE_TZ is True
    assert settings.TIME_ZONE == "UTC"


def test_the_trusted_proxy_count_comes_from_the_environment():
    """Behind a reverse proxy, rate limits must count each client's address, not the proxy's."""
    show = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"

    behind_a_proxy = manage("shell", "-c", show, TRUSTED_PROXY_COUNT="1")
    nothing_in_front = manage("shell", "-c", show)

    # The shell prints what it imported before the value.
    values = [result.stdout.split()[-1] for result in (behind_a_proxy, nothing_in_front)]
    assert values == ["1", "0"]

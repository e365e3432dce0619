"""The environment production settings need, for a benchmark on this machine."""

import os
import secrets

BENCH_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "PORTAL_BASE_URL": "https://portal.example.org",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Nobody receives the mail the background work sends.
    "EMAIL_URL": "dummymail://",
}


def bench_environment() -> None:
    """Fills in what is not set already, and always the benchmark's settings module."""
    for key, value in BENCH_ENV.items():
        os.environ[key] = os.environ.get(key) or value
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"

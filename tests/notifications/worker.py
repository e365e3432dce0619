"""A real Celery worker in its own process, on Redis, using the test database.

Use the `start_worker` fixture with `@pytest.mark.django_db(transaction=True)`: the worker
sees only committed rows. Skipped without REDIS_URL, and with an in-memory SQLite test
database (another process cannot open it).
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from volunteer_portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(settings["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.skip("The test database is SQLite in memory: a worker cannot share it")
        return f"sqlite:///{name}"
    if connection.vendor != "postgresql":
        pytest.skip(f"No worker test support for {connection.vendor}")
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{settings['NAME']}"


def wait_for(condition, *, timeout=60.0, interval=0.2):
    """Polls until `condition()` is true; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


@pytest.fixture(name="start_worker")
def start_worker_fixture(redis_url, transactional_db, tmp_path, monkeypatch):
    """Starts a worker on a queue of its own; returns the queue name. Emails go to the
    flaky backend's folder (`tests.notifications.flaky_email.delivered()`)."""
    workers = []
    was = (
        celery_app.conf.task_always_eager,
        celery_app.conf.broker_url,
        celery_app.conf.result_backend,
    )

    def start(*, email_failures: int = 0) -> str:
        queue = f"test-{uuid.uuid4().hex[:12]}"
        monkeypatch.setenv("FLAKY_EMAIL_DIR", str(tmp_path))
        monkeypatch.setenv("FLAKY_EMAIL_FAILURES", str(email_failures))
        env = {
            **os.environ,
            "REDIS_URL": redis_url,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
            "TEST_WORKER_QUEUE": queue,
        }
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "volunteer_portal",
                    "worker",
                    "--pool=solo",
                    "--loglevel=INFO",
                    f"--queues={queue}",
                    f"--hostname={queue}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = redis_url
        celery_app.conf.result_backend = redis_url
        return queue

    try:
        yield start
    finally:
        (
            celery_app.conf.task_always_eager,
            celery_app.conf.broker_url,
            celery_app.conf.result_backend,
        ) = was
        for worker in workers:
            worker.terminate()
            output, _ = worker.communicate(timeout=30)
            print(output)

"""Real Celery workers for tests, each in its own process, on Redis: one helper for all.

The `workers` fixture starts `celery worker` processes on a queue of the test's own
(`workers.queue`), sends the test's tasks to the broker (none run eagerly) and, after the
test, stops the workers, prints what they logged and restores the Celery app's configuration.
A worker started with the default settings (tests/worker_settings.py) shares the test
database and private files: use it with `@pytest.mark.django_db(transaction=True)`, as it
sees committed rows only. Its emails go to the flaky backend's folder
(`tests.notifications.flaky_email.delivered()`). Skipped without REDIS_URL, and, for a
worker sharing the database, with an in-memory SQLite test database (another process
cannot open it).
"""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests import optional
from volunteer_portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = "tests.worker_settings"
CONF = ("task_always_eager", "broker_url", "result_backend", "task_routes")


def database_url() -> str:
    """The URL of the test database, for a worker in another process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(settings["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            optional.skip(
                "worker", "the test database is SQLite in memory: a worker cannot share it"
            )
        return f"sqlite:///{name}"
    if connection.vendor != "postgresql":
        optional.skip("worker", f"no worker test support for {connection.vendor}")
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


class Workers:
    """Starts and stops `celery worker` processes on one queue for the test."""

    def __init__(self, *, redis_url: str, tmp_path: Path):
        self.queue = f"test-{uuid.uuid4().hex[:12]}"
        self.redis_url = redis_url
        self.temp_dir = tmp_path / "partials"  # where reports are built
        self.processes: list[subprocess.Popen] = []
        self.saved = {name: getattr(celery_app.conf, name) for name in CONF}
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = redis_url
        celery_app.conf.result_backend = redis_url

    def route(self, *patterns: str) -> None:
        """Sends the tasks matching `patterns` (sent without a queue) to the workers' queue."""
        celery_app.conf.task_routes = {pattern: {"queue": self.queue} for pattern in patterns}
        _reset_router()

    def start(
        self, *, settings: str = SETTINGS, database: bool = True, ready_within=180, **env
    ) -> subprocess.Popen:
        """Starts a worker with `settings` and the extra environment `env`, and waits until it
        consumes its queue (slow on a busy machine). `database`: it shares the test's."""
        environment = {
            **os.environ,
            "REDIS_URL": self.redis_url,
            "DJANGO_SETTINGS_MODULE": settings,
            "LOG_LEVEL": "INFO",
            "TEST_WORKER_QUEUE": self.queue,
            "TEST_WORKER_PRIVATE_ROOT": str(private_root()),
            "TEST_WORKER_TEMP_DIR": str(self.temp_dir),
            **({"DATABASE_URL": database_url()} if database else {}),
            **{key: str(value) for key, value in env.items()},
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "volunteer_portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                f"--queues={self.queue}",
                f"--hostname={self.queue}-{len(self.processes)}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        process.lines, process.said_ready, process.done = [], False, threading.Event()
        process.reader = threading.Thread(target=_read, args=(process,), daemon=True)
        process.reader.start()
        process.done.wait(ready_within)
        if not process.said_ready:
            self.stop(process, kill=True)
            pytest.fail(f"The worker was not ready within {ready_within} seconds")
        return process

    def stop(self, process: subprocess.Popen, *, kill: bool = False) -> str:
        """Stops a worker (SIGKILL: at once, as a crash would) and returns what it logged."""
        if process.poll() is None:
            process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.reader.join(timeout=10)
        output = "".join(process.lines)
        print(output)
        return output

    def close(self) -> None:
        """Stops the workers still running and restores the Celery app's configuration."""
        try:
            for process in self.processes:
                if process.returncode is None:
                    self.stop(process)
        finally:
            for name, value in self.saved.items():
                setattr(celery_app.conf, name, value)
            _reset_router()


def private_root() -> Path:
    """The test process's private files (a temporary folder of its own)."""
    from django.conf import settings

    return Path(settings.STORAGES["private"]["OPTIONS"]["location"])


def _read(process: subprocess.Popen) -> None:
    """Collects a worker's output; `done` once it says it is ready, or has ended."""
    for line in process.stdout:
        process.lines.append(line)
        if " ready." in line:
            process.said_ready = True
            process.done.set()
    process.done.set()


def _reset_router() -> None:
    """Celery caches its router; a new one reads the routes set for the test."""
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)


@pytest.fixture(name="workers")
def workers_fixture(tmp_path, monkeypatch):
    """Workers of the test (`Workers`), on a queue of their own; stopped after the test."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        optional.skip("worker", "REDIS_URL is not set: no broker for a worker")
    (tmp_path / "email").mkdir()
    monkeypatch.setenv("FLAKY_EMAIL_DIR", str(tmp_path / "email"))
    pool = Workers(redis_url=redis_url, tmp_path=tmp_path)
    try:
        yield pool
    finally:
        pool.close()

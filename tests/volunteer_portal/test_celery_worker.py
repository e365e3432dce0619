"""A real Celery worker, in its own process, takes tasks from Redis and answers."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import transaction

from volunteer_portal.celery import app as celery_app
from volunteer_portal.celery import ping

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_queue(redis_url, settings):
    """Starts `celery worker` on a queue of its own and sends tasks to it, not eagerly."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "volunteer_portal.settings.test",
    }
    worker = subprocess.Popen(
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
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = redis_url
    celery_app.conf.result_backend = redis_url
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager = was_eager
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
        print(output)


def test_worker_runs_a_task_end_to_end(worker_queue):
    result = ping.apply_async(queue=worker_queue)

    assert result.get(timeout=60) == "pong"


@pytest.mark.django_db(transaction=True)
def test_task_is_enqueued_only_after_the_transaction_commits(worker_queue):
    results = []
    with transaction.atomic():
        transaction.on_commit(lambda: results.append(ping.apply_async(queue=worker_queue)))
        assert results == []  # nothing leaves before the commit

    assert results[0].get(timeout=60) == "pong"

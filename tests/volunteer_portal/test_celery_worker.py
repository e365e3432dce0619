"""A real Celery worker, in its own process, takes tasks from Redis and answers."""

import pytest
from django.db import transaction

from tests.worker import workers_fixture  # noqa: F401  (a fixture)
from volunteer_portal.celery import ping

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_queue(workers):
    """Starts `celery worker` (the test settings) on a queue of its own; tasks go to it, not
    eagerly."""
    workers.start(settings="volunteer_portal.settings.test", database=False)
    return workers.queue


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

"""Settings of a Celery worker that a test starts in its own process (tests/worker.py).

The test settings, with every task sent through the broker (none run in-process) to the
test's own queue (TEST_WORKER_QUEUE), a short retry backoff, and what else the test passes
in the environment, each optional:

- TEST_WORKER_PRIVATE_ROOT, TEST_WORKER_STORAGE: the test process's private files, and the
  class of their storage (e.g. tests.reports.flaky_storage.FlakyStorage);
- TEST_WORKER_TEMP_DIR: where reports are built;
- TEST_WORKER_ROW_DELAY: seconds per report row (to stop a worker in the middle of a report);
- TEST_WORKER_VISIBILITY_TIMEOUT: how soon the broker hands a dead worker's task to another;
- FLAKY_EMAIL_DIR, FLAKY_EMAIL_FAILURES: emails go to the flaky backend's folder, after that
  many failed sends (tests/notifications/flaky_email.py).
"""

import os
from pathlib import Path

from volunteer_portal.settings.test import *  # noqa: F403
from volunteer_portal.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS, DATABASES, STORAGES

QUEUE = os.environ["TEST_WORKER_QUEUE"]

# As in production: tasks the worker sends (retries, emails) go through the broker, to the
# test's own queue, which this worker consumes.
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = QUEUE
TASK_RETRY_BACKOFF = 1
DATABASES["default"]["CONN_MAX_AGE"] = 0
# Unacknowledged tasks are kept per test queue: a worker killed by a test (or by another
# test run on the same Redis) never blocks another's restoring them.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "unacked_key": f"unacked-{QUEUE}",
    "unacked_index_key": f"unacked_index-{QUEUE}",
    "unacked_mutex_key": f"unacked_mutex-{QUEUE}",
}
if os.environ.get("TEST_WORKER_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "visibility_timeout": int(os.environ["TEST_WORKER_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }

if os.environ.get("TEST_WORKER_PRIVATE_ROOT"):
    PRIVATE_STORAGE_ROOT = Path(os.environ["TEST_WORKER_PRIVATE_ROOT"])
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": os.environ.get(
            "TEST_WORKER_STORAGE", "volunteer_portal.storage.PrivateFileSystemStorage"
        ),
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT},
    },
}
if os.environ.get("TEST_WORKER_TEMP_DIR"):
    REPORTS_TEMP_DIR = os.environ["TEST_WORKER_TEMP_DIR"]
REPORTS_TEST_ROW_DELAY = float(os.environ.get("TEST_WORKER_ROW_DELAY", "0"))
if os.environ.get("FLAKY_EMAIL_DIR"):
    EMAIL_BACKEND = "tests.notifications.flaky_email.FlakyEmailBackend"

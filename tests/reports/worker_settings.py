"""Settings of a report worker that a test starts in its own process.

The test settings, plus what the test passes in the environment: the test process's private
files, how slow each row is (to stop the worker in the middle of a report), a storage that
fails for a while, and how soon the broker hands a dead worker's task to another.
"""

import os
from pathlib import Path

from volunteer_portal.settings.test import *  # noqa: F403
from volunteer_portal.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS, STORAGES

PRIVATE_STORAGE_ROOT = Path(os.environ["REPORTS_TEST_PRIVATE_ROOT"])
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": os.environ.get(
            "REPORTS_TEST_STORAGE", "volunteer_portal.storage.PrivateFileSystemStorage"
        ),
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT},
    },
}
REPORTS_TEMP_DIR = os.environ["REPORTS_TEST_TEMP_DIR"]
REPORTS_TEST_ROW_DELAY = float(os.environ.get("REPORTS_TEST_ROW_DELAY", "0"))
if os.environ.get("REPORTS_TEST_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": int(os.environ["REPORTS_TEST_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
# As in production: tasks the worker sends (retries, emails) go through the broker, to the
# test's own queue, which this worker consumes.
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["REPORTS_TEST_QUEUE"]

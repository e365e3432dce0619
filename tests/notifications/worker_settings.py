"""Settings for a Celery worker started by a test: the test database, tasks sent to the
broker (none run in-process), all of them on the test's own queue, short retry backoff and
the flaky email backend."""

import os

from volunteer_portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["TEST_WORKER_QUEUE"]
TASK_RETRY_BACKOFF = 1
EMAIL_BACKEND = "tests.notifications.flaky_email.FlakyEmailBackend"
CONN_MAX_AGE = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

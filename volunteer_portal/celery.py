"""The Celery app: configured from Django settings (CELERY_*), tasks autodiscovered per app."""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volunteer_portal.settings.local")

app = Celery("volunteer_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="volunteer_portal.ping")
def ping() -> str:
    """Proves the round trip: web → broker → worker → result backend."""
    return "pong"


def announce_task_mode() -> None:
    """Says at start-up whether background tasks go to a broker or run in-process."""
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        logging.getLogger(__name__).warning(
            "REDIS_URL is not set: background tasks run in-process, in the web request "
            "(fine for development; set REDIS_URL and run a worker in production)."
        )

"""Thin Celery wrappers over the deployments services: scheduled sweeps, safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import services

logger = logging.getLogger(__name__)

# The database briefly away is worth a retry; anything else is a bug to see in the logs.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
RETRY_BACKOFF = getattr(settings, "TASK_RETRY_BACKOFF", 30)


@shared_task(
    name="deployments.reminders_sweep",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=600,
    max_retries=5,
)
def reminders_sweep() -> dict[str, int]:
    """Hourly: sends every reminder due now in its recipient's zone, each once per period."""
    sent = services.reminders_sweep()
    logger.info("Reminders sent: %s", sent)
    return sent


@shared_task(
    name="deployments.programme_digests",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=600,
    max_retries=5,
)
def programme_digests() -> int:
    """Hourly: sends each coordinator's weekly programme digest on their Monday morning."""
    sent = services.programme_digests_send()
    logger.info("Programme digests sent: %d", sent)
    return sent

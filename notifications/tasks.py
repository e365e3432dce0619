"""Thin Celery wrappers: ids in, services do the work; a missing row is logged and skipped.

Only transient failures are retried (the mail server or the database briefly away), with
exponential backoff; every task is safe to run twice.
"""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction

from . import services

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (
    smtplib.SMTPException,
    ConnectionError,
    TimeoutError,
    OperationalError,
    InterfaceError,
)
# Seconds before the first retry (doubling each time, with jitter); tests make it short.
RETRY_BACKOFF = getattr(settings, "TASK_RETRY_BACKOFF", 30)


@shared_task(
    name="notifications.email",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=3600,
    max_retries=8,
)
def notification_email(*, notification_id: int) -> bool:
    """Emails one notification once; True when this call sent it."""
    return services.notification_email_deliver(notification_id=notification_id)


@shared_task(
    name="notifications.emails",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=3600,
    max_retries=8,
)
def notification_emails(*, notification_ids: list[int]) -> int:
    """Emails a batch of notifications over one connection, each once; returns how many
    this call sent."""
    return services.notification_emails_deliver(notification_ids=notification_ids)


@shared_task(
    name="notifications.digest_email",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=RETRY_BACKOFF,
    retry_backoff_max=3600,
    max_retries=8,
)
def digest_email(*, user_id: int, frequency: str, period_key: str) -> bool:
    """Sends one person's digest for one period, once."""
    return services.digest_send(user_id=user_id, frequency=frequency, period_key=period_key)


@shared_task(
    name="notifications.send_digests",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=RETRY_BACKOFF,
    max_retries=5,
)
def send_digests() -> int:
    """Hourly: queues the digest of everyone whose morning has come; returns how many."""
    due = services.digests_due()
    for user_id, frequency, period_key in due:
        transaction.on_commit(
            lambda user_id=user_id, frequency=frequency, period_key=period_key: digest_email.delay(
                user_id=user_id, frequency=frequency, period_key=period_key
            )
        )
    logger.info("%d digests due", len(due))
    return len(due)

"""Thin Celery wrappers over partners services."""

import logging
import smtplib

from celery import shared_task

from .services import agreement_expire_overdue, invitation_email_send

logger = logging.getLogger(__name__)


@shared_task(name="partners.agreements_expire")
def agreements_expire() -> int:
    """Daily: active agreements whose end date has passed become expired (idempotent)."""
    count = agreement_expire_overdue()
    logger.info("partners.agreements_expire: %d agreement(s) expired.", count)
    return count


@shared_task(
    name="partners.invitation_email",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def invitation_email(*, invitation_id: int) -> bool:
    return invitation_email_send(invitation_id=invitation_id)

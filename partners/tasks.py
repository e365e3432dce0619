"""Thin Celery wrappers over partners services."""

import logging

from celery import shared_task

from .services import agreement_expire_overdue

logger = logging.getLogger(__name__)


@shared_task(name="partners.agreements_expire")
def agreements_expire() -> int:
    """Daily: active agreements whose end date has passed become expired (idempotent)."""
    count = agreement_expire_overdue()
    logger.info("partners.agreements_expire: %d agreement(s) expired.", count)
    return count

"""Thin Celery wrappers: ids in, services do the work; a missing row is logged and skipped."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)


@shared_task(
    name="notifications.email",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def notification_email(*, notification_id: int) -> bool:
    """Emails one notification once; True when this call sent it."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            logger.warning("Notification %s is gone; no email sent", notification_id)
            return False
        if notification.emailed_at is not None or not notification.send_email:
            return False
        recipient = notification.recipient
        with translation.override(recipient.preferred_language):
            context = {
                "notification": notification,
                "recipient": recipient,
                "link": f"{settings.PORTAL_BASE_URL}{notification.link}"
                if notification.link
                else "",
            }
            email = EmailMultiAlternatives(
                subject=notification.subject,
                body=render_to_string("notifications/email.txt", context),
                to=[recipient.email],
            )
            email.attach_alternative(
                render_to_string("notifications/email.html", context), "text/html"
            )
        email.send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True

"""Sending notifications: in-app at once, by email after the transaction commits."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone, translation

from .enums import NotificationKind
from .models import Notification


def notification_send(
    *,
    recipients: Iterable,
    kind: NotificationKind,
    subject: str,
    message: str = "",
    link: str = "",
    params: dict | None = None,
    email: bool = True,
) -> list[Notification]:
    """Notifies each recipient once, rendering the (lazy) texts in the recipient's language.

    `subject` and `message` are translatable strings with %(name)s placeholders filled from
    `params`, so that each person reads them in their own language.
    """
    params = params or {}
    notifications = []
    for recipient in {person.pk: person for person in recipients if person is not None}.values():
        with translation.override(recipient.preferred_language):
            notifications.append(
                Notification(
                    recipient=recipient,
                    kind=kind,
                    subject=str(subject) % params if params else str(subject),
                    message=str(message) % params if params and message else str(message),
                    link=link,
                    send_email=email,
                )
            )
    created = Notification.objects.bulk_create(notifications)
    if email:
        from .tasks import notification_email

        for notification in created:
            transaction.on_commit(
                lambda pk=notification.pk: notification_email.delay(notification_id=pk)
            )
    return created


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notification_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )

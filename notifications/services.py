"""Sending notifications: in-app at once, by email after the transaction commits, as each
person prefers; reminders once per period."""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from .enums import UNMUTABLE_KINDS, Channel, EmailFrequency, NotificationKind
from .models import Notification, NotificationPreference, ReminderRecord


def preferences_for(*, users, kind) -> dict[int, NotificationPreference]:
    """Each user's preference for `kind`, defaults filled in, in one query."""
    stored = {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user__in=users, kind=kind)
    }
    return {
        user.pk: stored.get(user.pk) or NotificationPreference(user=user, kind=kind)
        for user in users
    }


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
    """Notifies each recipient once, as they prefer, in their own language.

    `subject` and `message` are translatable strings with %(name)s placeholders filled from
    `params`, so that each person reads them in their own language. Emergencies ignore
    preferences: they always go in-app and by email at once.
    """
    people = list({person.pk: person for person in recipients if person is not None}.values())
    preferences = preferences_for(users=people, kind=kind)
    params = params or {}
    notifications = []
    for person in people:
        preference = preferences[person.pk]
        channel, frequency = preference.channel, preference.email_frequency
        if kind in UNMUTABLE_KINDS:
            channel, frequency = Channel.BOTH, EmailFrequency.IMMEDIATE
        if channel == Channel.NONE:
            continue
        with translation.override(person.preferred_language):
            notifications.append(
                Notification(
                    recipient=person,
                    kind=kind,
                    subject=str(subject) % params if params else str(subject),
                    message=str(message) % params if params and message else str(message),
                    link=link,
                    send_email=email and channel in (Channel.BOTH, Channel.EMAIL),
                    email_frequency=frequency,
                    # Email-only notifications are kept for the record, already read.
                    read_at=timezone.now() if channel == Channel.EMAIL else None,
                )
            )
    created = Notification.objects.bulk_create(notifications)
    from .tasks import notification_email

    for notification in created:
        if notification.send_email and notification.email_frequency == EmailFrequency.IMMEDIATE:
            transaction.on_commit(
                lambda pk=notification.pk: notification_email.delay(notification_id=pk)
            )
    return created


def reminder_send_once(
    *,
    kind: str,
    subject_key: str,
    recipient,
    period_key: str,
    notification_kind: NotificationKind = NotificationKind.REMINDER,
    subject: str,
    message: str = "",
    link: str = "",
    params: dict | None = None,
) -> bool:
    """Sends the reminder unless it already went out this period; True when sent now."""
    try:
        with transaction.atomic():
            ReminderRecord.objects.create(
                kind=kind, subject_key=subject_key, recipient=recipient, period_key=period_key
            )
            notification_send(
                recipients=[recipient],
                kind=notification_kind,
                subject=subject,
                message=message,
                link=link,
                params=params,
            )
    except IntegrityError:
        return False
    return True


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notification_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_save(*, user, choices: dict[str, tuple[str, str]]) -> None:
    """Stores (channel, email frequency) per kind; emergencies stay as they are."""
    for kind, (channel, frequency) in choices.items():
        if kind in UNMUTABLE_KINDS:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"channel": channel, "email_frequency": frequency}
        )


DIGEST_LOCAL_HOUR = 7  # digests arrive in the morning of the recipient's own day


def digest_period_key(*, frequency: str, now: datetime.datetime, zone) -> str | None:
    """The period a digest sent now would cover, or None when none is due yet."""
    local = now.astimezone(zone)
    if local.hour < DIGEST_LOCAL_HOUR:
        return None
    if frequency == EmailFrequency.DAILY:
        return local.date().isoformat()
    if frequency == EmailFrequency.WEEKLY and local.isoweekday() == 1:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return None

"""Sending notifications: in-app at once, by email after the transaction commits, as each
person prefers; reminders once per period."""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import UNMUTABLE_KINDS, Channel, EmailFrequency, NotificationKind
from .models import Notification, NotificationPreference, ReminderRecord
from .selectors import notifications_awaiting_digest

logger = logging.getLogger(__name__)


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


class Month(datetime.date):
    """A calendar month (its first day), shown as a month in each reader's language."""

    @classmethod
    def of(cls, day: datetime.date) -> "Month":
        return cls(day.year, day.month, 1)


def localised(params: dict) -> dict:
    """`params` with dates, months and times written in the active language and zone.

    Services pass date and datetime objects, never formatted strings, so that each reader
    sees them as people write them where they live.
    """

    def written(value):
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, Month):
            return formats.date_format(value, "YEAR_MONTH_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        return value

    return {name: written(value) for name, value in params.items()}


SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length


def email_subject(text) -> str:
    """`text` on one line, fit for an email subject and a notification's subject.

    Names and titles are typed by people and may hold line breaks; a CR or LF in a header
    makes Django refuse the whole email (BadHeaderError), which is not worth retrying and
    would silence even emergencies. So every kind of whitespace collapses to one space.
    """
    line = " ".join(str(text).split())
    if len(line) > SUBJECT_MAX_LENGTH:
        line = line[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    return line


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
    `params`, so that each person reads them in their own language; dates and times in
    `params` are written for the person's language and zone. Emergencies ignore
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
        with translation.override(person.preferred_language), timezone.override(person.time_zone):
            written = localised(params)
            notifications.append(
                Notification(
                    recipient=person,
                    kind=kind,
                    subject=email_subject(str(subject) % written if params else subject),
                    message=str(message) % written if params and message else str(message),
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
    """Sends the reminder unless it already went out this period; True when sent now.

    The unique reminder record decides; the look-up first only spares the hourly sweep an
    insert that would fail for every reminder already sent.
    """
    record = {
        "kind": kind,
        "subject_key": subject_key,
        "recipient": recipient,
        "period_key": period_key,
    }
    if ReminderRecord.objects.filter(**record).exists():
        return False
    try:
        with transaction.atomic():
            ReminderRecord.objects.create(**record)
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
        if kind not in NotificationKind.values:
            raise ValidationError(_("“%(kind)s” is not a kind of notification.") % {"kind": kind})
        if channel not in Channel.values or frequency not in EmailFrequency.values:
            raise ValidationError(
                _("Choose how and how often to receive “%(kind)s”.")
                % {"kind": NotificationKind(kind).label}
            )
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


DIGEST_FREQUENCIES = (EmailFrequency.DAILY, EmailFrequency.WEEKLY)
DIGEST_REMINDER_KINDS = {
    EmailFrequency.DAILY: "digest-daily",
    EmailFrequency.WEEKLY: "digest-weekly",
}


def _absolute(link: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{link}" if link.startswith("/") else link


def email_build(*, recipient, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """One email with a text and an HTML part, rendered in the recipient's language and zone.

    `template` names a pair of templates, `<template>.txt` and `<template>.html`.
    """
    with translation.override(recipient.preferred_language), timezone.override(recipient.time_zone):
        context = {
            "recipient": recipient,
            "preferences_url": _absolute(reverse("notifications:preferences")),
            **context,
        }
        email = EmailMultiAlternatives(
            subject=email_subject(subject),
            body=render_to_string(f"{template}.txt", context),
            to=[recipient.email],
        )
        email.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return email


def notification_email_deliver(*, notification_id: int) -> bool:
    """Emails one notification once; True when this call sent it.

    The row is locked while the email goes out and marked emailed in the same transaction, so
    a retry after a failure sends it, and a second run after a success does not.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            logger.warning("Notification %s is gone; no email sent", notification_id)
            return False
        if notification.emailed_at is not None or not notification.send_email:
            return False
        email_build(
            recipient=notification.recipient,
            subject=notification.subject,
            template="notifications/email",
            context={
                "notification": notification,
                "link": _absolute(notification.link) if notification.link else "",
            },
        ).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def digests_due(*, now: datetime.datetime | None = None) -> list[tuple[int, str, str]]:
    """(user id, frequency, period key) of every digest due now in its recipient's zone.

    A digest is due for a person with notifications waiting for it, once the morning of
    their day (daily) or of their Monday (weekly) has come, unless it went out this period.
    """
    now = now or timezone.now()
    pending = set(
        Notification.objects.filter(
            send_email=True, emailed_at__isnull=True, email_frequency__in=DIGEST_FREQUENCIES
        )
        .values_list("recipient_id", "email_frequency")
        .distinct()
    )
    people = get_user_model().objects.in_bulk({user_id for user_id, _ in pending})
    candidates = []
    for user_id, frequency in sorted(pending):
        if user_id not in people:
            continue  # deleted meanwhile, with their notifications
        period_key = digest_period_key(frequency=frequency, now=now, zone=people[user_id].time_zone)
        if period_key is not None:
            candidates.append((user_id, frequency, period_key))
    # What went out already this period, read in one query for everyone.
    sent = set(
        ReminderRecord.objects.filter(
            kind__in=DIGEST_REMINDER_KINDS.values(),
            recipient_id__in=[user_id for user_id, _, _ in candidates],
            period_key__in={period_key for _, _, period_key in candidates},
        ).values_list("recipient_id", "kind", "period_key")
    )
    return [
        (user_id, frequency, period_key)
        for user_id, frequency, period_key in candidates
        if (user_id, DIGEST_REMINDER_KINDS[frequency], period_key) not in sent
    ]


def digest_send(*, user_id: int, frequency: str, period_key: str) -> bool:
    """Sends the person's digest for the period once, in one email; True when sent now.

    The waiting notifications are locked, the period's reminder record is written, the
    email goes out and the notifications are marked emailed, all in one transaction: an
    email that fails leaves everything waiting for the retry.
    """
    if frequency not in DIGEST_REMINDER_KINDS:
        raise ValueError(f"No digest is sent {frequency!r}")
    with transaction.atomic():
        person = get_user_model().objects.filter(pk=user_id).first()
        if person is None:
            logger.warning("User %s is gone; no digest sent", user_id)
            return False
        notifications = list(
            notifications_awaiting_digest(user=person, frequency=frequency).select_for_update()
        )
        if not notifications:
            return False
        try:
            with transaction.atomic():
                ReminderRecord.objects.create(
                    kind=DIGEST_REMINDER_KINDS[frequency],
                    subject_key=f"user:{user_id}",
                    recipient=person,
                    period_key=period_key,
                )
        except IntegrityError:
            return False
        with translation.override(person.preferred_language):
            if frequency == EmailFrequency.DAILY:
                subject = ngettext(
                    "Your daily digest: %(count)d notification",
                    "Your daily digest: %(count)d notifications",
                    len(notifications),
                ) % {"count": len(notifications)}
            else:
                subject = ngettext(
                    "Your weekly digest: %(count)d notification",
                    "Your weekly digest: %(count)d notifications",
                    len(notifications),
                ) % {"count": len(notifications)}
        for notification in notifications:
            notification.absolute_link = _absolute(notification.link) if notification.link else ""
        email_build(
            recipient=person,
            subject=subject,
            template="notifications/digest",
            context={
                "notifications": notifications,
                "frequency": frequency,
                "list_url": _absolute(reverse("notifications:list")),
            },
        ).send()
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            emailed_at=timezone.now()
        )
    return True

"""Sending notifications: in-app at once, by email after the transaction commits, as each
person prefers; reminders once per period."""

import datetime
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
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


# Rows per INSERT in bulk writes: large sweeps stay within the database's parameter limits.
BULK_BATCH_SIZE = 1000

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


def _notification_build(
    *,
    person,
    preference: NotificationPreference,
    kind: NotificationKind,
    subject: str,
    message: str,
    link: str,
    params: dict,
    email: bool,
) -> Notification | None:
    """The person's notification, written in their language and zone, or None when they
    want none of this kind. Emergencies ignore preferences: in-app and by email at once."""
    channel, frequency = preference.channel, preference.email_frequency
    if kind in UNMUTABLE_KINDS:
        channel, frequency = Channel.BOTH, EmailFrequency.IMMEDIATE
    if channel == Channel.NONE:
        return None
    with translation.override(person.preferred_language), timezone.override(person.time_zone):
        written = localised(params)
        return Notification(
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


# Emails sent by one task over one connection to the mail server.
EMAIL_BATCH_SIZE = 100


def _emails_enqueue(notifications: Iterable[Notification]) -> None:
    """Queues, after the commit, the emails of the notifications wanted one by one, in
    batches of EMAIL_BATCH_SIZE."""
    from .tasks import notification_emails

    notification_ids = [
        notification.pk
        for notification in notifications
        if notification.send_email and notification.email_frequency == EmailFrequency.IMMEDIATE
    ]
    for start in range(0, len(notification_ids), EMAIL_BATCH_SIZE):
        batch = notification_ids[start : start + EMAIL_BATCH_SIZE]
        transaction.on_commit(lambda batch=batch: notification_emails.delay(notification_ids=batch))


def _unique_people(people: Iterable) -> list:
    return list({person.pk: person for person in people if person is not None}.values())


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
    people = _unique_people(recipients)
    preferences = preferences_for(users=people, kind=kind)
    notifications = [
        _notification_build(
            person=person,
            preference=preferences[person.pk],
            kind=kind,
            subject=subject,
            message=message,
            link=link,
            params=params or {},
            email=email,
        )
        for person in people
    ]
    created = Notification.objects.bulk_create([n for n in notifications if n is not None])
    _emails_enqueue(created)
    return created


@dataclass(frozen=True)
class Reminder:
    """A reminder of one kind, about one thing (`subject_key`), to one person, for one
    period: sent once. `subject`, `message` and `params` are as for notification_send."""

    kind: str
    subject_key: str
    recipient: Any
    period_key: str
    subject: str
    message: str = ""
    link: str = ""
    params: dict | None = None
    notification_kind: NotificationKind = NotificationKind.REMINDER

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.kind, self.subject_key, self.recipient.pk, self.period_key)


def reminders_send_once(*, reminders: Iterable[Reminder]) -> list[Reminder]:
    """Sends each reminder unless it already went out in its period; returns those sent now.

    The unique reminder records decide, written together and marked with this call's batch
    token: a record already there, sent by an earlier sweep or by a concurrent one (whose
    insert the database makes this one wait for), is skipped, and the records carrying the
    token are exactly the reminders sent now. Their notifications are created together and
    their emails go out after the commit, in batches. The number of queries does not grow
    with the number of reminders (up to BULK_BATCH_SIZE of them).

    The records already there are read first: an hourly sweep finds mostly reminders sent in
    an earlier hour, and skipping them spares as many inserts that would only conflict.
    """
    reminders = list({reminder.key: reminder for reminder in reminders}.values())
    if not reminders:
        return []
    already_sent = set(
        ReminderRecord.objects.filter(
            kind__in={reminder.kind for reminder in reminders},
            recipient_id__in={reminder.recipient.pk for reminder in reminders},
            period_key__in={reminder.period_key for reminder in reminders},
        ).values_list("kind", "subject_key", "recipient_id", "period_key")
    )
    reminders = [reminder for reminder in reminders if reminder.key not in already_sent]
    if not reminders:
        return []
    batch = uuid.uuid4()
    with transaction.atomic():
        ReminderRecord.objects.bulk_create(
            [
                ReminderRecord(
                    kind=reminder.kind,
                    subject_key=reminder.subject_key,
                    recipient=reminder.recipient,
                    period_key=reminder.period_key,
                    batch=batch,
                )
                for reminder in reminders
            ],
            ignore_conflicts=True,
            batch_size=BULK_BATCH_SIZE,
        )
        created = set(
            ReminderRecord.objects.filter(batch=batch).values_list(
                "kind", "subject_key", "recipient_id", "period_key"
            )
        )
        sent = [reminder for reminder in reminders if reminder.key in created]
        preferences = {
            notification_kind: preferences_for(
                users=_unique_people(
                    reminder.recipient
                    for reminder in sent
                    if reminder.notification_kind == notification_kind
                ),
                kind=notification_kind,
            )
            for notification_kind in {reminder.notification_kind for reminder in sent}
        }
        notifications = [
            _notification_build(
                person=reminder.recipient,
                preference=preferences[reminder.notification_kind][reminder.recipient.pk],
                kind=reminder.notification_kind,
                subject=reminder.subject,
                message=reminder.message,
                link=reminder.link,
                params=reminder.params or {},
                email=True,
            )
            for reminder in sent
        ]
        _emails_enqueue(
            Notification.objects.bulk_create(
                [notification for notification in notifications if notification is not None],
                batch_size=BULK_BATCH_SIZE,
            )
        )
    return sent


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
    """Emails one notification once; True when this call sent it."""
    return notification_emails_deliver(notification_ids=[notification_id]) == 1


def notification_emails_deliver(*, notification_ids: Iterable[int]) -> int:
    """Emails each notification once, over one connection; returns how many this call sent.

    Each email is written in its recipient's language and zone. The rows are locked while
    the emails go out, and those sent are marked emailed in the same transaction. When the
    mail server fails half-way, those already sent are still marked (so a retry does not
    send them twice) and the error is raised after the commit, for the retry to send the rest.
    """
    notification_ids = set(notification_ids)
    emailed, failure = [], None
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk__in=notification_ids)
            .order_by("pk")
        )
        if len(notifications) < len(notification_ids):
            logger.warning(
                "%d notifications are gone; no email sent for them",
                len(notification_ids) - len(notifications),
            )
        due = [n for n in notifications if n.emailed_at is None and n.send_email]
        if due:
            with get_connection() as connection:
                for notification in due:
                    email = email_build(
                        recipient=notification.recipient,
                        subject=notification.subject,
                        template="notifications/email",
                        context={
                            "notification": notification,
                            "link": _absolute(notification.link) if notification.link else "",
                        },
                    )
                    try:
                        connection.send_messages([email])
                    except Exception as error:  # raised again once the sent ones are marked
                        failure = error
                        break
                    emailed.append(notification.pk)
            Notification.objects.filter(pk__in=emailed).update(emailed_at=timezone.now())
    if failure is not None:
        raise failure
    return len(emailed)


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

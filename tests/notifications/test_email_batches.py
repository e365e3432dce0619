"""Reminders sent once in bulk, and their emails in batches over one connection, each in
its recipient's language."""

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy

from notifications.models import Notification, ReminderRecord
from notifications.services import Reminder, notification_emails_deliver, reminders_send_once
from tests.factories import UserFactory

from . import failing_email

pytestmark = pytest.mark.django_db


def reminder_to(person, *, period_key="2026-W11") -> Reminder:
    return Reminder(
        kind="check-in-missed",
        subject_key="placement:1",
        recipient=person,
        period_key=period_key,
        subject=gettext_lazy("Please check in: how are you?"),
    )


def test_the_same_reminders_sent_twice_go_out_once(django_capture_on_commit_callbacks):
    people = [UserFactory() for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send_once(reminders=[reminder_to(person) for person in people])
        second = reminders_send_once(
            reminders=[reminder_to(person) for person in people]
            + [reminder_to(people[0], period_key="2026-W12")]
        )

    assert [reminder.recipient for reminder in first] == people
    assert [(r.recipient, r.period_key) for r in second] == [(people[0], "2026-W12")]
    assert ReminderRecord.objects.count() == Notification.objects.count() == 4
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [person.email for person in people] + [people[0].email]
    )


def test_a_reminder_repeated_within_one_batch_goes_out_once():
    person = UserFactory()

    sent = reminders_send_once(reminders=[reminder_to(person), reminder_to(person)])

    assert len(sent) == 1
    assert Notification.objects.filter(recipient=person).count() == 1


def test_reminder_emails_go_in_batches_in_each_recipients_language(
    django_capture_on_commit_callbacks,
):
    chinese, english = UserFactory(preferred_language="zh-hans"), UserFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reminders_send_once(reminders=[reminder_to(chinese), reminder_to(english)])

    assert len(callbacks) == 1  # one email task for both
    subjects = {email.to[0]: email.subject for email in mail.outbox}
    assert subjects == {
        chinese.email: "请报平安：您最近好吗？",
        english.email: "Please check in: how are you?",
    }
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_batch_of_emails_delivered_again_sends_nothing_twice():
    people = [UserFactory() for _ in range(3)]
    reminders_send_once(reminders=[reminder_to(person) for person in people])
    ids = list(Notification.objects.values_list("pk", flat=True))

    assert notification_emails_deliver(notification_ids=ids) == 3
    assert notification_emails_deliver(notification_ids=ids) == 0
    assert len(mail.outbox) == 3


def test_a_batch_failing_half_way_keeps_what_was_sent_and_raises_for_the_retry(
    settings,
):
    failing_email.sent.clear()
    settings.EMAIL_BACKEND = "tests.notifications.failing_email.FailsAfterTwoBackend"
    people = [UserFactory() for _ in range(3)]
    reminders_send_once(reminders=[reminder_to(person) for person in people])
    ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))

    with pytest.raises(ConnectionError):
        notification_emails_deliver(notification_ids=ids)

    assert (
        list(
            Notification.objects.filter(emailed_at__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        == ids[:2]
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_emails_deliver(notification_ids=ids) == 1
    assert [email.to[0] for email in failing_email.sent + mail.outbox] == [
        person.email for person in people
    ]

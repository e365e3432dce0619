"""Email tasks on a real worker: a transient failure is retried, then sent exactly once."""

import pytest

from notifications.enums import NotificationKind
from notifications.models import Notification
from notifications.tasks import notification_email
from tests.factories import UserFactory
from tests.worker import wait_for, workers_fixture  # noqa: F401  (a fixture)

from . import flaky_email

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_an_email_failing_transiently_is_retried_and_sent_once(workers):
    workers.start(FLAKY_EMAIL_FAILURES=2)
    queue = workers.queue
    notification = Notification.objects.create(
        recipient=UserFactory(email="aung@example.org"),
        kind=NotificationKind.APPLICATION,
        subject="Your application was received",
        link="/applications/",
    )

    result = notification_email.apply_async(
        kwargs={"notification_id": notification.pk}, queue=queue
    )

    assert result.get(timeout=90) is True
    assert flaky_email.failures_so_far() == 2
    (email,) = flaky_email.delivered()
    assert "To: aung@example.org" in email
    notification.refresh_from_db()
    assert notification.emailed_at is not None

    # Run again (a duplicate delivery, say): nothing more goes out.
    again = notification_email.apply_async(kwargs={"notification_id": notification.pk}, queue=queue)
    assert again.get(timeout=60) is False
    assert len(flaky_email.delivered()) == 1


def test_a_digest_failing_transiently_is_retried_and_sent_once(workers):
    from notifications.enums import EmailFrequency
    from notifications.models import ReminderRecord
    from notifications.tasks import digest_email

    workers.start(FLAKY_EMAIL_FAILURES=1)
    queue = workers.queue
    person = UserFactory(email="wang@example.org")
    for number in range(3):
        Notification.objects.create(
            recipient=person,
            kind=NotificationKind.APPLICATION,
            subject=f"Notice {number}",
            email_frequency=EmailFrequency.DAILY,
        )

    result = digest_email.apply_async(
        kwargs={"user_id": person.pk, "frequency": "daily", "period_key": "2026-03-10"},
        queue=queue,
    )

    assert result.get(timeout=90) is True
    assert flaky_email.failures_so_far() == 1
    assert len(flaky_email.delivered()) == 1
    assert ReminderRecord.objects.get().period_key == "2026-03-10"
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert wait_for(lambda: len(flaky_email.delivered()), timeout=1) == 1


def test_a_batch_of_emails_failing_transiently_is_retried_and_each_sent_once(workers):
    from notifications.tasks import notification_emails

    workers.start(FLAKY_EMAIL_FAILURES=1)
    people = [UserFactory(email=f"volunteer{number}@example.org") for number in range(3)]
    notifications = [
        Notification.objects.create(
            recipient=person, kind=NotificationKind.REMINDER, subject="Please check in"
        )
        for person in people
    ]
    ids = [notification.pk for notification in notifications]

    result = notification_emails.apply_async(kwargs={"notification_ids": ids}, queue=workers.queue)

    assert result.get(timeout=90) == 3
    assert flaky_email.failures_so_far() == 1
    assert sorted(
        line
        for email in flaky_email.delivered()
        for line in email.splitlines()
        if line.startswith("To: ")
    ) == [f"To: {person.email}" for person in people]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    again = notification_emails.apply_async(kwargs={"notification_ids": ids}, queue=workers.queue)
    assert again.get(timeout=60) == 0
    assert len(flaky_email.delivered()) == 3

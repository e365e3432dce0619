"""Daily and weekly digests: one email per period at 07:00 in the person's own zone, in
their language, with text and HTML parts; the notifications in it are marked emailed."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext_lazy

from notifications.enums import EmailFrequency, NotificationKind
from notifications.models import Notification, ReminderRecord
from notifications.services import digest_send, digests_due, notification_send
from notifications.tasks import digest_email, send_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def batch(person, frequency=EmailFrequency.DAILY, subject="Please log your day", link=""):
    return Notification.objects.create(
        recipient=person,
        kind=NotificationKind.REMINDER,
        subject=str(subject),
        link=link,
        email_frequency=frequency,
    )


@pytest.fixture
def kathmandu(db):
    return UserFactory(name="Li Wei", email="li@example.org", time_zone="Asia/Kathmandu")


def test_a_daily_digest_is_due_from_seven_in_the_persons_morning(kathmandu):
    batch(kathmandu)
    seven = at("2026-03-10 01:15")  # 07:00 in Kathmandu

    assert digests_due(now=seven - datetime.timedelta(minutes=1)) == []
    assert digests_due(now=seven) == [(kathmandu.pk, "daily", "2026-03-10")]


def test_a_weekly_digest_is_due_on_the_persons_monday_morning():
    person = UserFactory(time_zone="Asia/Yangon")
    batch(person, EmailFrequency.WEEKLY)
    monday_seven = at("2026-03-09 00:30")  # 07:00 on Monday 9 March in Yangon

    assert digests_due(now=monday_seven - datetime.timedelta(minutes=1)) == []
    assert digests_due(now=monday_seven) == [(person.pk, "weekly", "2026-W11")]
    assert digests_due(now=at("2026-03-10 06:00")) == []  # Tuesday


def test_nothing_is_due_without_batched_notifications(kathmandu):
    batch(kathmandu, EmailFrequency.IMMEDIATE)
    Notification.objects.create(
        recipient=kathmandu, kind="reminder", subject="In the portal only", send_email=False
    )

    assert digests_due(now=at("2026-03-10 06:00")) == []


def test_one_email_per_period_with_every_waiting_notification(kathmandu):
    first, second = batch(kathmandu, subject="First"), batch(kathmandu, subject="Second")
    immediate = batch(kathmandu, EmailFrequency.IMMEDIATE, subject="Not in the digest")

    assert digest_send(user_id=kathmandu.pk, frequency="daily", period_key="2026-03-10")
    assert not digest_send(user_id=kathmandu.pk, frequency="daily", period_key="2026-03-10")

    (email,) = mail.outbox
    assert email.to == ["li@example.org"]
    assert email.subject == "Your daily digest: 2 notifications"
    assert "First" in email.body and "Second" in email.body
    assert "Not in the digest" not in email.body
    for notification in (first, second):
        notification.refresh_from_db()
        assert notification.emailed_at is not None
    immediate.refresh_from_db()
    assert immediate.emailed_at is None
    assert ReminderRecord.objects.get().kind == "digest-daily"


def test_notifications_arriving_after_the_digest_wait_for_the_next_period(kathmandu):
    batch(kathmandu, subject="Monday's")
    digest_send(user_id=kathmandu.pk, frequency="daily", period_key="2026-03-10")
    batch(kathmandu, subject="Later on Tuesday")

    assert digests_due(now=at("2026-03-10 12:00")) == []
    assert not digest_send(user_id=kathmandu.pk, frequency="daily", period_key="2026-03-10")
    assert digests_due(now=at("2026-03-11 01:15")) == [(kathmandu.pk, "daily", "2026-03-11")]
    assert digest_send(user_id=kathmandu.pk, frequency="daily", period_key="2026-03-11")
    assert [email.subject for email in mail.outbox] == [
        "Your daily digest: 1 notification",
        "Your daily digest: 1 notification",
    ]
    assert "Later on Tuesday" in mail.outbox[1].body


def test_the_digest_has_text_and_html_in_the_persons_language():
    person = UserFactory(preferred_language="zh-hans", time_zone="Asia/Yangon")
    notification_send(
        recipients=[person],
        kind=NotificationKind.REMINDER,
        subject=gettext_lazy("Password"),  # Django translates it; no catalogue of ours needed
        link="/placements/",
    )
    Notification.objects.update(email_frequency=EmailFrequency.DAILY)

    digest_send(user_id=person.pk, frequency="daily", period_key="2026-03-10")

    (email,) = mail.outbox
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="zh-hans">' in html
    assert "密码" in email.body and "密码" in html
    assert '<a href="http://127.0.0.1:8000/placements/">密码</a>' in html
    assert "http://127.0.0.1:8000/notifications/preferences/" in email.body


def test_a_failing_mail_server_leaves_everything_for_the_retry(kathmandu, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_digests.BrokenEmailBackend"
    batch(kathmandu)

    with pytest.raises(smtplib.SMTPException):
        digest_send(user_id=kathmandu.pk, frequency="daily", period_key="2026-03-10")

    assert not ReminderRecord.objects.exists()
    assert Notification.objects.get().emailed_at is None


def test_a_digest_for_someone_gone_is_skipped():
    assert digest_email(user_id=987654, frequency="daily", period_key="2026-03-10") is False


def test_the_hourly_task_sends_the_digests_due_now(django_capture_on_commit_callbacks):
    # A zone where it is now midday, whatever the time of the test run.
    offset = (12 - timezone.now().hour + 12) % 24 - 12
    zone = "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"
    person = UserFactory(time_zone=zone)
    batch(person)
    batch(person)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 0

    assert len(mail.outbox) == 1


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")

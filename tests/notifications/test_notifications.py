import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy

from notifications.enums import NotificationKind
from notifications.models import Notification
from notifications.services import notification_send
from notifications.tasks import notification_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def send(recipients, **kwargs):
    return notification_send(
        recipients=recipients,
        kind=NotificationKind.APPLICATION,
        subject=kwargs.pop("subject", "Your application was received"),
        link=kwargs.pop("link", "/dashboard/"),
        **kwargs,
    )


def test_each_recipient_reads_the_notification_in_their_own_language():
    english = UserFactory(preferred_language="en")
    chinese = UserFactory(preferred_language="zh-hans")

    # A string Django itself translates, so the test needs no catalogue of ours.
    send([english, chinese], subject=gettext_lazy("Password"))

    assert Notification.objects.get(recipient=english).subject == "Password"
    assert Notification.objects.get(recipient=chinese).subject == "密码"


def test_a_person_named_twice_is_notified_once():
    person = UserFactory()

    send([person, person, None])

    assert Notification.objects.filter(recipient=person).count() == 1


def test_email_goes_out_after_the_commit_with_text_and_html(django_capture_on_commit_callbacks):
    person = UserFactory(email="li@example.org", name="Li Wei")

    with django_capture_on_commit_callbacks(execute=True):
        send([person])
        assert mail.outbox == []

    (email,) = mail.outbox
    assert email.to == ["li@example.org"]
    assert email.subject == "Your application was received"
    assert "Dear Li Wei," in email.body
    assert "http://127.0.0.1:8000/dashboard/" in email.body
    assert email.alternatives[0][1] == "text/html"
    assert Notification.objects.get().emailed_at is not None


def test_the_email_task_sends_once_however_often_it_runs(django_capture_on_commit_callbacks):
    (notification,) = send([UserFactory()], email=False)
    Notification.objects.filter(pk=notification.pk).update(send_email=True)

    assert notification_email(notification_id=notification.pk) is True
    assert notification_email(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_the_email_task_skips_a_notification_that_is_gone():
    assert notification_email(notification_id=987654) is False
    assert mail.outbox == []


def test_in_app_only_notifications_send_no_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send([UserFactory()], email=False)

    assert mail.outbox == []


def test_the_list_shows_only_the_persons_own_notifications(client):
    person, other = UserFactory(), UserFactory()
    send([person], subject="For you")
    send([other], subject="For someone else")
    client.force_login(person)

    body = client.get(reverse("notifications:list")).content.decode()

    assert "For you" in body
    assert "For someone else" not in body


def test_opening_a_notification_marks_it_read_and_follows_its_link(client):
    person = UserFactory()
    (notification,) = send([person], link="/opportunities/")
    client.force_login(person)

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response.url == "/opportunities/"
    notification.refresh_from_db()
    assert notification.is_read


def test_nobody_can_open_another_persons_notification(client):
    (notification,) = send([UserFactory()])
    client.force_login(UserFactory())

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_all_read(client):
    person = UserFactory()
    send([person])
    send([person], subject="Second")
    client.force_login(person)

    client.post(reverse("notifications:read-all"))

    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()


def test_the_navigation_badge_counts_unread_notifications(client):
    person = UserFactory()
    send([person])
    send([person], subject="Second")
    client.force_login(person)

    badge = client.get(reverse("notifications:unread-count")).content.decode()

    assert ">2<" in badge
    assert 'hx-trigger="every 60s"' in badge


@pytest.mark.parametrize("rows", [1, 5])
def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    person = UserFactory()
    for number in range(rows):
        send([person], subject=f"Notice {number}")
    client.force_login(person)

    with django_assert_num_queries(7):
        client.get(reverse("notifications:list"))


def test_dates_and_times_are_written_for_each_readers_language_and_zone():
    import datetime

    chinese = UserFactory(preferred_language="zh-hans", time_zone="Asia/Shanghai")
    nepali_zone = UserFactory(preferred_language="en", time_zone="Asia/Kathmandu")
    moment = datetime.datetime(2026, 6, 30, 0, 0, tzinfo=datetime.UTC)

    send(
        [chinese, nepali_zone],
        subject="%(day)s / %(moment)s",
        params={"day": datetime.date(2026, 6, 30), "moment": moment},
    )

    assert Notification.objects.get(recipient=chinese).subject.startswith("2026年6月30日 / ")
    assert "08:00" in Notification.objects.get(recipient=chinese).subject
    assert Notification.objects.get(recipient=nepali_zone).subject == (
        "30 Jun 2026 / 30 Jun 2026, 05:45"
    )


def test_a_line_break_in_a_name_never_stops_the_email(django_capture_on_commit_callbacks):
    person = UserFactory()
    subject = gettext_lazy("%(volunteer)s asks for support")

    with django_capture_on_commit_callbacks(execute=True):
        send([person], subject=subject, params={"volunteer": "Li\r\nWei\nBcc: x@example.org"})

    assert [email.subject for email in mail.outbox] == [
        "Li Wei Bcc: x@example.org asks for support"
    ]
    assert Notification.objects.get().emailed_at is not None


def test_a_very_long_title_is_shortened_to_fit_the_subject(django_capture_on_commit_callbacks):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        send([person], subject="%(title)s", params={"title": "word " * 100})

    subject = Notification.objects.get().subject
    assert (len(subject), subject[-1]) == (200, "…")
    assert [email.subject for email in mail.outbox] == [subject]

"""Per kind: in the portal, by email, both or not at all; emails one by one or as a digest.
Emergencies are always on."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from notifications.enums import Channel, EmailFrequency, NotificationKind
from notifications.models import Notification, NotificationPreference
from notifications.services import notification_send, preferences_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def notify(person, kind=NotificationKind.REMINDER):
    return notification_send(recipients=[person], kind=kind, subject="Please log your day")


def prefer(person, kind, channel, frequency=EmailFrequency.IMMEDIATE):
    preferences_save(user=person, choices={kind: (channel, frequency)})


def test_by_default_both_in_the_portal_and_one_email_each(django_capture_on_commit_callbacks):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notify(person)

    notification = Notification.objects.get(recipient=person)
    assert (notification.is_read, notification.emailed_at is not None) == (False, True)
    assert len(mail.outbox) == 1


def test_none_means_neither_in_the_portal_nor_by_email(django_capture_on_commit_callbacks):
    person = UserFactory()
    prefer(person, NotificationKind.REMINDER, Channel.NONE)

    with django_capture_on_commit_callbacks(execute=True):
        notify(person)
        notify(person, kind=NotificationKind.APPLICATION)  # other kinds are unaffected

    assert list(Notification.objects.values_list("kind", flat=True)) == ["application"]
    assert len(mail.outbox) == 1


def test_in_app_only_sends_no_email(django_capture_on_commit_callbacks):
    person = UserFactory()
    prefer(person, NotificationKind.REMINDER, Channel.IN_APP)

    with django_capture_on_commit_callbacks(execute=True):
        notify(person)

    assert not Notification.objects.get().is_read
    assert mail.outbox == []


def test_email_only_is_kept_as_read_and_emailed(django_capture_on_commit_callbacks):
    person = UserFactory()
    prefer(person, NotificationKind.REMINDER, Channel.EMAIL)

    with django_capture_on_commit_callbacks(execute=True):
        notify(person)

    assert Notification.objects.get().is_read
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("frequency", [EmailFrequency.DAILY, EmailFrequency.WEEKLY])
def test_a_digest_holds_the_email_back(frequency, django_capture_on_commit_callbacks):
    person = UserFactory()
    prefer(person, NotificationKind.REMINDER, Channel.BOTH, frequency)

    with django_capture_on_commit_callbacks(execute=True):
        notify(person)

    notification = Notification.objects.get()
    assert (notification.email_frequency, notification.emailed_at) == (frequency, None)
    assert mail.outbox == []


def test_emergencies_ignore_any_attempt_to_mute_them(django_capture_on_commit_callbacks):
    person = UserFactory()
    preferences_save(
        user=person,
        choices={NotificationKind.EMERGENCY: (Channel.NONE, EmailFrequency.WEEKLY)},
    )
    for kind in NotificationKind:
        if kind != NotificationKind.EMERGENCY:
            prefer(person, kind, Channel.NONE)

    with django_capture_on_commit_callbacks(execute=True):
        notify(person, kind=NotificationKind.EMERGENCY)

    assert not NotificationPreference.objects.filter(kind=NotificationKind.EMERGENCY).exists()
    assert Notification.objects.get().kind == NotificationKind.EMERGENCY
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("channel", "frequency"),
    [(Channel.NONE, EmailFrequency.IMMEDIATE), (Channel.BOTH, EmailFrequency.DAILY)],
)
def test_the_database_refuses_a_muted_or_delayed_emergency(channel, frequency):
    with pytest.raises(IntegrityError):
        NotificationPreference.objects.create(
            user=UserFactory(),
            kind=NotificationKind.EMERGENCY,
            channel=channel,
            email_frequency=frequency,
        )


def test_the_service_refuses_unknown_choices():
    person = UserFactory()

    with pytest.raises(ValidationError):
        preferences_save(user=person, choices={"reminder": ("carrier-pigeon", "immediate")})
    with pytest.raises(ValidationError):
        preferences_save(user=person, choices={"gossip": ("both", "immediate")})

    assert not NotificationPreference.objects.exists()


# The page -------------------------------------------------------------------------------------


def form_data(**overrides):
    data = {}
    for kind in NotificationKind:
        if kind != NotificationKind.EMERGENCY:
            data[f"{kind}-channel"] = Channel.BOTH
            data[f"{kind}-email_frequency"] = EmailFrequency.IMMEDIATE
    data.update(overrides)
    return data


def test_the_page_lists_every_kind_and_shows_emergencies_as_always_on(client):
    client.force_login(UserFactory())

    response = client.get(reverse("notifications:preferences"))

    body = response.content.decode()
    assert response.status_code == 200
    for kind in NotificationKind:
        assert str(kind.label) in body
    assert 'name="reminder-channel"' in body
    assert 'name="emergency-channel"' not in body
    assert "Always on" in body


def test_the_page_shows_stored_choices(client):
    person = UserFactory()
    prefer(person, NotificationKind.REVIEW, Channel.EMAIL, EmailFrequency.WEEKLY)
    client.force_login(person)

    body = client.get(reverse("notifications:preferences")).content.decode()

    assert '<option value="email" selected>' in body
    assert '<option value="weekly" selected>' in body


def test_saving_stores_each_choice(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        reverse("notifications:preferences"),
        form_data(
            **{
                "reminder-channel": Channel.NONE,
                "review-channel": Channel.IN_APP,
                "application-email_frequency": EmailFrequency.DAILY,
                "report-channel": Channel.EMAIL,
                "report-email_frequency": EmailFrequency.WEEKLY,
                # A tampered form cannot mute emergencies either.
                "emergency-channel": Channel.NONE,
            }
        ),
    )

    assert response.status_code == 302
    stored = {
        kind: (channel, frequency)
        for kind, channel, frequency in NotificationPreference.objects.filter(
            user=person
        ).values_list("kind", "channel", "email_frequency")
    }
    assert stored["reminder"] == ("none", "immediate")
    assert stored["review"] == ("in_app", "immediate")
    assert stored["application"] == ("both", "daily")
    assert stored["report"] == ("email", "weekly")
    assert "emergency" not in stored
    followed = client.get(response.url).content.decode()
    assert "Your notification preferences were saved." in followed


def test_an_invalid_choice_is_refused_with_a_clear_message(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        reverse("notifications:preferences"),
        form_data(**{"reminder-channel": "carrier-pigeon"}),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Your preferences were not saved." in body
    assert "Choose one of the listed ways to receive “Reminders”." in body
    assert not NotificationPreference.objects.exists()


def test_the_page_needs_a_signed_in_person(client):
    response = client.get(reverse("notifications:preferences"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_personal_preferences_page_links_to_notification_preferences(client):
    client.force_login(UserFactory())

    body = client.get(reverse("users:preferences")).content.decode()

    assert reverse("notifications:preferences") in body

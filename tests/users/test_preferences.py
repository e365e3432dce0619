import pytest
from django.urls import reverse

from tests.factories import UserFactory
from users.models import User

pytestmark = pytest.mark.django_db


def test_pages_are_shown_in_the_persons_time_zone(client):
    client.force_login(UserFactory(time_zone="Asia/Kathmandu"))

    response = client.get(reverse("dashboard"))

    assert "Times are shown in Asia/Kathmandu." in response.content.decode()


def test_pages_are_shown_in_the_persons_language(client):
    client.force_login(UserFactory(preferred_language="zh-hans"))

    response = client.get(reverse("dashboard"))

    assert response.headers["Content-Language"] == "zh-hans"


def test_preferences_change_name_language_and_time_zone(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("users:preferences"),
        {"name": "Aung Kyaw", "preferred_language": "my", "time_zone": "Asia/Yangon"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.preferred_language, str(user.time_zone)) == (
        "Aung Kyaw",
        "my",
        "Asia/Yangon",
    )


def test_preferences_refuse_an_unknown_time_zone(client):
    user = UserFactory(name="Aung Kyaw")
    client.force_login(user)

    response = client.post(
        reverse("users:preferences"),
        {"name": "Someone Else", "preferred_language": "en", "time_zone": "Nowhere/City"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    user.refresh_from_db()
    assert user.name == "Aung Kyaw"


def test_language_switch_is_stored_for_a_signed_in_person(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("users:set-language"), {"language": "ne", "next": "/"})

    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).preferred_language == "ne"
    assert response.cookies["django_language"].value == "ne"


def test_language_switch_never_redirects_to_another_site(client):
    response = client.post(
        reverse("users:set-language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response.url == "/"


def test_language_switch_ignores_unknown_languages(client):
    response = client.post(reverse("users:set-language"), {"language": "xx", "next": "/"})

    assert "django_language" not in response.cookies

"""Sign-up by email with verification, sign-in, rate limits, password reset."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.users import TEST_PASSWORD
from users.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Pema Lama",
    "email": "pema@example.org",
    "time_zone": "Asia/Kathmandu",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def test_signup_stores_name_and_time_zone_and_sends_a_verification_email(client):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    user = User.objects.get(email="pema@example.org")
    assert user.name == "Pema Lama"
    assert str(user.time_zone) == "Asia/Kathmandu"
    assert user.preferred_language == "en"
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pema@example.org"]


def test_account_emails_link_to_the_portal_base_url_not_the_request_host(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]

    client.post(reverse("account_signup"), SIGNUP, HTTP_HOST="other.example")
    client.post(
        reverse("account_reset_password"), {"email": SIGNUP["email"]}, HTTP_HOST="other.example"
    )

    verification, reset = mail.outbox
    assert "https://portal.example/accounts/confirm-email/" in verification.body
    assert "https://portal.example/accounts/password/reset/key/" in reset.body
    assert "other.example" not in verification.body + reset.body


def test_signup_in_chinese_stores_chinese_as_the_preferred_language(client):
    client.cookies["django_language"] = "zh-hans"

    client.post(reverse("account_signup"), SIGNUP)

    assert User.objects.get(email="pema@example.org").preferred_language == "zh-hans"


def test_unverified_person_cannot_sign_in_until_the_email_is_confirmed(client):
    client.post(reverse("account_signup"), SIGNUP)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    link = re.search(r"https?://[^/]+(/accounts/confirm-email/[^\s]+)", mail.outbox[-1].body)
    client.post(link.group(1))

    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified is True
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("password2", "something-else-entirely", "You must type the same password each time."),
        ("name", "", "This field is required."),
        ("time_zone", "Mars/Olympus_Mons", "Select a valid choice."),
    ],
)
def test_signup_with_bad_input_shows_an_error_and_writes_nothing(client, field, value, message):
    response = client.post(reverse("account_signup"), {**SIGNUP, field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_with_a_registered_email_in_another_case_makes_no_second_account(client):
    UserFactory(email="pema@example.org")

    client.post(reverse("account_signup"), {**SIGNUP, "email": "Pema@Example.org"})

    # allauth does not reveal that the address is taken; it tells its owner by email.
    assert User.objects.count() == 1
    assert mail.outbox[0].to == ["pema@example.org"]


def test_verified_person_signs_in_and_lands_on_the_dashboard(client):
    UserFactory(email="li@example.org")

    response = client.post(
        reverse("account_login"), {"login": "li@example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_sign_in_is_rate_limited_after_repeated_failures(client):
    UserFactory(email="li@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "li@example.org", "password": "wrong"})

    response = client.post(
        reverse("account_login"), {"login": "li@example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_sends_a_link(client):
    UserFactory(email="li@example.org")

    response = client.post(reverse("account_reset_password"), {"email": "li@example.org"})

    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_sign_out_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session


def test_admin_sign_in_goes_through_the_portal_login(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# Failed sign-ins behind a reverse proxy ---------------------------------------------------------


def _fail_to_sign_in(client, email, *, address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",  # the reverse proxy, the same for everyone
        HTTP_X_FORWARDED_FOR=address,
    )


def _sign_in(client, email, *, address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=address,
    )


def test_people_behind_one_proxy_are_limited_by_their_own_address(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="guesser@example.org")
    UserFactory(email="li@example.org")
    # Someone guesses at many accounts from one address, until that address is stopped.
    for n in range(25):
        _fail_to_sign_in(client, f"nobody{n}@example.org", address="203.0.113.7")
    assert "Too many failed login attempts" in (
        _fail_to_sign_in(client, "guesser@example.org", address="203.0.113.7").content.decode()
    )

    response = _sign_in(client, "li@example.org", address="198.51.100.20")

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_shared_office_address_survives_a_few_mistakes_by_several_people(client, settings):
    UserFactory(email="li@example.org")
    # Six colleagues behind one NAT address each mistype once.
    for n in range(6):
        _fail_to_sign_in(client, f"colleague{n}@example.org", address="203.0.113.7")

    response = _sign_in(client, "li@example.org", address="203.0.113.7")

    assert response.status_code == 302


def test_many_failures_against_one_account_lock_that_account_only(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="target@example.org")
    UserFactory(email="li@example.org")
    for n in range(5):
        _fail_to_sign_in(client, "target@example.org", address=f"198.51.100.{n + 1}")

    locked = _sign_in(client, "target@example.org", address="192.0.2.50")
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in locked.content.decode()

    response = _sign_in(client, "li@example.org", address="198.51.100.1")
    assert response.status_code == 302

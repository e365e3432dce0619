import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "account_login", "account_signup"])
def test_pages_allow_no_third_party_origin(client, url_name):
    response = client.get(reverse(url_name))

    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "http" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_load_nothing_from_other_origins(client):
    body = client.get(reverse("home")).content.decode()

    assert "cdn" not in body.lower()
    assert 'src="http' not in body
    assert 'href="http' not in body.replace('href="https://www.', "")


POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/no-such-page/", "/healthz"])
def test_every_response_has_a_permissions_policy(client, path):
    assert client.get(path).headers["Permissions-Policy"] == POLICY


@pytest.mark.django_db
def test_static_files_have_a_permissions_policy_too(client):
    response = client.get("/static/js/geolocation.js")

    assert (response.status_code, response.headers["Permissions-Policy"]) == (200, POLICY)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["dashboard", "users:preferences", "home"])
def test_no_cache_keeps_a_page_shown_to_a_signed_in_person(client, url_name):
    client.force_login(UserFactory())

    response = client.get(reverse(url_name))

    assert (response.status_code, response.headers["Cache-Control"]) == (200, "private, no-store")


@pytest.mark.django_db
def test_public_pages_for_visitors_stay_cacheable(client):
    assert "no-store" not in client.get(reverse("home")).headers.get("Cache-Control", "")


@pytest.mark.django_db
def test_a_view_choosing_its_own_cache_control_keeps_it(client):
    client.force_login(UserFactory())

    response = client.get("/healthz")

    assert "no-store" in response.headers["Cache-Control"]
    assert "max-age=0" in response.headers["Cache-Control"]

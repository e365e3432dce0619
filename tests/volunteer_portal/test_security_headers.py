import pytest
from django.urls import reverse


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

"""The error pages (issue 14): in the site's layout, a plain explanation and a way back; the
500 page renders with nothing but the template engine, as Django renders it."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def test_404_page_in_the_layout_with_a_way_home(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'class="navbar-brand"' in page  # the site layout
    assert f'href="{reverse("home")}"' in page
    assert reverse("dashboard") not in page  # only for people signed in


def test_404_page_offers_the_dashboard_to_people_signed_in(client, db):
    client.force_login(UserFactory())

    page = client.get("/no-such-page/").content.decode()

    assert f'href="{reverse("dashboard")}"' in page


def test_403_page_in_the_layout_with_a_way_back(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse("deployments:programme-list"))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Not allowed" in page
    assert 'class="navbar-brand"' in page
    assert f'href="{reverse("dashboard")}"' in page


def test_400_page_renders_without_a_request_context(db):
    request = RequestFactory().get("/")

    response = defaults.bad_request(request, SuspiciousOperation("bad"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Bad request" in page
    assert f'href="{reverse("home")}"' in page


def test_500_page_renders_without_a_request_context(db):
    request = RequestFactory().get("/")

    response = defaults.server_error(request)

    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert 'href="/"' in page

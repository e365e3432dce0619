"""HTML travels compressed; public listings come from a short-lived cache for anonymous
visitors only, per address and language, and never carry one visitor's state to another."""

import gzip

import pytest
from django.http import HttpResponse
from django.urls import reverse

from tests.factories import OpportunityFactory, OrganisationFactory, ProjectFactory, UserFactory
from users.middleware import TextGZipMiddleware

pytestmark = pytest.mark.django_db


def test_pages_are_gzipped_for_browsers_that_accept_it(client):
    OpportunityFactory()

    response = client.get(reverse("deployments:opportunity-list"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content)
    assert b"</html>" in html
    assert len(response.content) < len(html) / 3


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [
        ("text/csv", True),
        ("application/json", True),
        ("image/jpeg", False),
        ("application/pdf", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
    ],
)
def test_only_text_is_compressed(rf, content_type, compressed):
    middleware = TextGZipMiddleware(
        lambda request: HttpResponse(b"a,b,c\n" * 1000, content_type=content_type)
    )

    response = middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip"))

    assert (response.get("Content-Encoding") == "gzip") is compressed


@pytest.mark.parametrize(
    ("url_name", "factory", "attribute"),
    [
        ("deployments:opportunity-list", OpportunityFactory, "title"),
        ("deployments:project-list", ProjectFactory, "title"),
        ("partners:organisation-list", OrganisationFactory, "name"),
        ("home", OpportunityFactory, "title"),
    ],
)
def test_anonymous_visitors_get_the_listing_from_the_cache_for_a_short_time(
    client, django_assert_max_num_queries, url_name, factory, attribute
):
    first = factory()
    url = reverse(url_name)
    client.get(url)
    later = factory()

    with django_assert_max_num_queries(1):
        cached = client.get(url).content.decode()
    fresh = client.get(url, {"page": "1"}).content.decode()

    assert getattr(first, attribute) in cached
    assert getattr(later, attribute) not in cached
    assert getattr(later, attribute) in fresh


def test_signed_in_people_always_get_a_fresh_listing(client):
    OpportunityFactory(title="First")
    url = reverse("deployments:opportunity-list")
    client.get(url)
    client.force_login(UserFactory())
    OpportunityFactory(title="Second")

    assert "Second" in client.get(url).content.decode()


def test_the_cached_listing_is_per_language(client):
    OpportunityFactory()
    url = reverse("deployments:opportunity-list")

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert 'lang="en"' in english
    assert 'lang="zh-hans"' in chinese
    assert "Open opportunities" in english
    assert "Open opportunities" not in chinese


def test_a_cached_listing_carries_no_token_of_another_visitor(client):
    OpportunityFactory()
    url = reverse("deployments:opportunity-list")
    first = client.get(url)
    client.cookies.clear()

    second = client.get(url)

    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert str(first.context["csrf_token"]) not in second.content.decode()
    assert str(second.context["csrf_token"]) in second.content.decode()

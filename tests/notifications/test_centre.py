"""The notification centre: read/unread filters, links to each object, the unread badge."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.enums import NotificationKind
from notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def notice(person, subject, *, read=False, link=""):
    return Notification.objects.create(
        recipient=person,
        kind=NotificationKind.APPLICATION,
        subject=subject,
        link=link,
        read_at=timezone.now() if read else None,
    )


@pytest.fixture
def person(client):
    user = UserFactory()
    notice(user, "Still unread")
    notice(user, "Already read", read=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?read=unread", "Still unread", "Already read"),
        ("?read=read", "Already read", "Still unread"),
    ],
)
def test_the_list_filters_read_and_unread(client, person, query, shown, hidden):
    body = client.get(reverse("notifications:list") + query).content.decode()

    assert shown in body
    assert hidden not in body
    assert 'aria-current="page"' in body


@pytest.mark.parametrize("query", ["", "?read=whatever"])
def test_the_list_shows_all_without_a_valid_filter(client, person, query):
    body = client.get(reverse("notifications:list") + query).content.decode()

    assert "Still unread" in body and "Already read" in body


def test_an_empty_filter_says_so(client):
    client.force_login(UserFactory())

    body = client.get(reverse("notifications:list") + "?read=unread").content.decode()

    assert "You have no unread notifications." in body


def test_each_item_opens_its_object(client, person):
    notification = notice(person, "About your placement", link="/placements/")

    body = client.get(reverse("notifications:list")).content.decode()
    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert reverse("notifications:read", args=[notification.pk]) in body
    assert response.url == "/placements/"


def test_a_foreign_link_is_not_followed(client, person):
    notification = notice(person, "Odd", link="https://elsewhere.example/")

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response.url == reverse("notifications:list")


@pytest.mark.parametrize("query", ["", "?read=unread"])
def test_the_filtered_list_costs_a_fixed_number_of_queries(
    client, person, django_assert_num_queries, query
):
    for number in range(3):
        notice(person, f"Notice {number}")

    with django_assert_num_queries(7):
        client.get(reverse("notifications:list") + query)


def test_every_page_shows_the_unread_badge_polled_by_htmx(client, person):
    notice(person, "Another")

    body = client.get(reverse("dashboard")).content.decode()

    assert 'id="unread-badge"' in body
    assert f'hx-get="{reverse("notifications:unread-count")}"' in body
    assert '<span class="badge rounded-pill text-bg-warning">2<' in body


def test_the_badge_empties_once_everything_is_read(client, person):
    client.post(reverse("notifications:read-all"))

    response = client.get(reverse("notifications:unread-count"), headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="unread-badge"' in body
    assert "badge rounded-pill" not in body
    assert "no-store" in response.headers["Cache-Control"]


def test_the_badge_counts_only_the_persons_own_unread(client, person):
    notice(UserFactory(), "Someone else's")

    body = client.get(reverse("notifications:unread-count")).content.decode()

    assert ">1<" in body


def test_signed_out_the_badge_is_empty_and_polling_stops(client):
    response = client.get(reverse("notifications:unread-count"), headers={"HX-Request": "true"})

    assert response.status_code == 286  # htmx stops polling on this status
    assert "badge rounded-pill" not in response.content.decode()


def test_signed_out_pages_have_no_badge(client):
    body = client.get(reverse("home")).content.decode()

    assert 'id="unread-badge"' not in body

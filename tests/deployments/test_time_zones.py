"""Times are stored in UTC and shown in each person's own zone, with the zone named."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db

DEADLINE = datetime.datetime(2031, 1, 1, 0, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Asia/Shanghai", "1 Jan 2031, 08:00"),
        ("Asia/Kathmandu", "1 Jan 2031, 05:45"),
        ("Asia/Yangon", "1 Jan 2031, 06:30"),
        ("UTC", "1 Jan 2031, 00:00"),
    ],
)
def test_a_deadline_is_shown_in_the_persons_zone_and_names_it(client, zone, shown):
    opportunity = OpportunityFactory(
        application_deadline=DEADLINE, starts_on=datetime.date(2031, 3, 1)
    )
    client.force_login(UserFactory(time_zone=zone))

    body = client.get(
        reverse("deployments:opportunity-detail", args=[opportunity.pk])
    ).content.decode()

    assert f"{shown}</time> ({zone})" in body


def test_the_deadline_is_stored_in_utc():
    opportunity = OpportunityFactory(application_deadline=DEADLINE)
    opportunity.refresh_from_db()

    assert opportunity.application_deadline.utcoffset() == datetime.timedelta(0)

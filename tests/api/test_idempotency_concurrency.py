"""The same upload sent several times at once, as a phone retrying on a bad connection does:
one log is made and every answer carries it."""

import threading
import uuid

import pytest
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import api_token_create
from deployments.enums import PlacementStatus
from deployments.models import ActivityLog
from tests import optional
from tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db(transaction=True)
SENDERS = 4


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=optional.reason("postgresql", "concurrent requests need PostgreSQL (CI runs it)"),
)
# 3 hours: the later requests reach the key's unique constraint; 14 hours: they are refused
# first by the day's 24-hour limit, which the first one's log now fills.
@pytest.mark.parametrize("hours", ["3", "14"])
def test_one_key_sent_at_once_makes_one_log(hours):
    placement = PlacementFactory(status=PlacementStatus.IN_COUNTRY)
    _token, key = api_token_create(user=placement.volunteer, name="Phone")
    body = {
        "placement": placement.pk,
        "date": timezone.localdate().isoformat(),
        "hours": hours,
        "activity_type": "teaching",
        "description": "Sent on a bad connection.",
    }
    idempotency_key = str(uuid.uuid4())
    start = threading.Barrier(SENDERS)
    answers = []

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        try:
            start.wait()
            response = client.post(
                "/api/v1/activity-logs/",
                body,
                format="json",
                HTTP_IDEMPOTENCY_KEY=idempotency_key,
            )
            answers.append((response.status_code, response.json().get("id")))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    log = ActivityLog.objects.get(placement=placement)
    assert sorted(answers) == [(200, log.pk)] * (SENDERS - 1) + [(201, log.pk)]

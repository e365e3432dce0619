"""Two logs for the same day sent at the same moment never add up to more than 24 hours."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from deployments import services
from deployments.enums import PlacementStatus
from deployments.models import ActivityLog
from tests import optional
from tests.factories import PlacementFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=optional.reason("postgresql", "row locks need PostgreSQL (CI runs it)"),
)
def test_two_logs_sent_at_once_cannot_pass_24_hours_a_day():
    placement = PlacementFactory(status=PlacementStatus.IN_COUNTRY)
    day = timezone.localdate() - datetime.timedelta(days=1)
    start = threading.Barrier(2)
    outcomes = []

    def log(description):
        try:
            start.wait()
            services.activity_log_create(
                placement=placement,
                by=placement.volunteer,
                date=day,
                hours=Decimal("14"),
                activity_type="teaching",
                description=description,
            )
            outcomes.append("logged")
        except ValidationError as error:
            outcomes.append(
                "refused" if "at most 24 hours" in " ".join(error.messages) else repr(error)
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log, args=(name,)) for name in ("Morning", "Evening")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["logged", "refused"]
    assert ActivityLog.objects.filter(placement=placement, date=day).count() == 1

"""AnyOf: an IN list of ids, sent to PostgreSQL as one array."""

import pytest
from django.db import connection
from django.db.models import F

from deployments.models import ActivityLog
from deployments.selectors.lookups import AnyOf
from tests.factories import ActivityLogFactory

pytestmark = pytest.mark.django_db


def test_any_of_keeps_the_rows_whose_column_is_listed():
    first, second, _third = ActivityLogFactory.create_batch(3)

    rows = ActivityLog.objects.filter(
        AnyOf(F("placement_id"), [first.placement_id, second.placement_id, None])
    )

    assert set(rows) == {first, second}
    assert not ActivityLog.objects.filter(AnyOf(F("placement_id"), [None])).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array is PostgreSQL's")
def test_any_of_sends_one_array_to_postgresql():
    rows = ActivityLog.objects.filter(AnyOf(F("placement_id"), [1, 2, 3]))

    sql, params = rows.query.sql_with_params()

    assert "= ANY(%s)" in sql
    assert [1, 2, 3] in params

"""The reminder sweep in bulk: send-once by the reminder records, a fixed number of queries
however many reminders are due, emails in batches in each recipient's language."""

import datetime
import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections, transaction

from deployments.services import activity_log_reminders_send, reminders_sweep
from notifications.models import Notification, ReminderRecord
from tests import optional
from tests.factories import ProgrammeFactory, ProjectFactory, UserFactory

from .test_reminders import KATHMANDU, at, make_placement

# Monday 9 March 2026, 06:00 UTC: placements in the field since 10 January without a log, a
# check-in or a report are due an activity-log, check-in and monthly-report reminder each.
NOW = at("2026-03-09 06:00")


def quiet_placements(count: int, *, language: str = "en"):
    """`count` in-country placements of one programme (with a coordinator), in two projects,
    none of which has logged, checked in or reported."""
    programme = ProgrammeFactory()
    programme.coordinators.add(UserFactory(time_zone=KATHMANDU))
    projects = [ProjectFactory(programme=programme, status="active") for _ in range(2)]
    return [
        make_placement(
            volunteer=UserFactory(time_zone=KATHMANDU, preferred_language=language),
            project=projects[number % 2],
        )
        for number in range(count)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("placements", [1, 25])
def test_the_sweep_takes_the_same_queries_however_many_are_due(
    placements, django_assert_max_num_queries
):
    quiet_placements(placements)

    with django_assert_max_num_queries(33):
        sent = reminders_sweep(now=NOW)

    # The volunteer and the coordinator, for activity logs, check-ins and monthly reports.
    assert (sent["activity_logs"], sent["check_ins"]) == (2 * placements, 2 * placements)
    assert sent["monthly_reports"] == 2 * placements


@pytest.mark.django_db
@pytest.mark.parametrize("placements", [1, 25])
def test_one_kind_of_reminder_takes_the_same_queries_however_many_are_due(
    placements, django_assert_num_queries
):
    quiet_placements(placements)

    # Placements with their latest log, the coordinators, and the send: the records already
    # there, the new ones written and read back, the preferences and the notifications
    # (within a savepoint). 25
    # placements are 50 reminders due: within one bulk insert on SQLite as on PostgreSQL.
    with django_assert_num_queries(9):
        assert activity_log_reminders_send(now=NOW) == 2 * placements


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=optional.reason("postgresql", "concurrent transactions need PostgreSQL (CI runs it)"),
)
def test_a_concurrent_second_sweep_sends_nothing_twice():
    due = len(quiet_placements(3)) * 2 * 3  # volunteers and coordinator, three kinds
    first_wrote = threading.Barrier(2)
    results = {}

    def first_sweep():
        try:
            with transaction.atomic():
                results["first"] = reminders_sweep(now=NOW)
                first_wrote.wait(timeout=30)
                # The second sweep starts meanwhile and must wait for this one's records.
                time.sleep(1)
        finally:
            connections.close_all()

    def second_sweep():
        try:
            first_wrote.wait(timeout=30)
            results["second"] = reminders_sweep(now=NOW + datetime.timedelta(seconds=1))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_sweep), threading.Thread(target=second_sweep)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(results["first"].values()) == due
    assert sum(results["second"].values()) == 0
    assert ReminderRecord.objects.count() == Notification.objects.count() == due
    assert len(mail.outbox) == due

"""The reminder sweep on a real worker over Redis: run twice, each due reminder goes out
exactly once (in-app, and by email through the worker's own email tasks)."""

import datetime

import pytest
from django.utils import timezone

from deployments.tasks import reminders_sweep
from notifications.models import Notification, ReminderRecord
from tests.factories import DocumentFactory, UserFactory
from tests.notifications import flaky_email
from tests.worker import wait_for, workers_fixture  # noqa: F401  (a fixture)
from volunteers.enums import DocumentKind

from .test_reminders import log, make_placement

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_sweep_run_twice_by_a_worker_sends_each_reminder_once(workers, programme):
    workers.start()
    queue = workers.queue
    programme.coordinators.add(UserFactory(time_zone="Asia/Yangon"))
    volunteer = UserFactory(time_zone="Asia/Kathmandu")
    today = timezone.localdate()
    placement = make_placement(
        volunteer=volunteer,
        programme=programme,
        start=today - datetime.timedelta(days=20),
        end=today + datetime.timedelta(days=200),
    )
    log(placement, today - datetime.timedelta(days=10))
    DocumentFactory(
        owner=volunteer,
        kind=DocumentKind.PASSPORT,
        expires_on=today + datetime.timedelta(days=5),
    )

    first = reminders_sweep.apply_async(queue=queue).get(timeout=90)
    second = reminders_sweep.apply_async(queue=queue).get(timeout=90)

    assert first["activity_logs"] == 1
    assert first["documents"] == 2  # the volunteer and the coordinator
    assert first["check_ins"] == 2  # the volunteer and, escalated, the coordinator
    assert set(second.values()) == {0}
    sent = sum(first.values())
    assert Notification.objects.count() == ReminderRecord.objects.count() == sent
    # Each notification's email is a task of its own, run by the worker after the commit.
    assert wait_for(lambda: len(flaky_email.delivered()) >= sent) is True
    assert wait_for(lambda: len(flaky_email.delivered()) > sent, timeout=3) is False
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

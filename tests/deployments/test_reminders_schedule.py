"""The sweeps are scheduled with django-celery-beat by data migrations, editable in the admin."""

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from volunteer_portal.celery import app

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "task",
    ["deployments.reminders_sweep", "deployments.programme_digests", "notifications.send_digests"],
)
def test_each_sweep_is_scheduled_hourly_and_registered(task):
    periodic = PeriodicTask.objects.get(task=task)
    app.loader.import_default_modules()  # what a worker does: autodiscover the tasks

    assert (periodic.interval.every, periodic.interval.period) == (1, "hours")
    assert periodic.enabled
    assert periodic.expire_seconds == 55 * 60
    assert task in app.tasks


def test_the_schedule_is_editable_in_the_admin(client, administrator):
    periodic = PeriodicTask.objects.get(task="deployments.reminders_sweep")
    client.force_login(administrator)

    response = client.get(
        reverse("admin:django_celery_beat_periodictask_change", args=[periodic.pk])
    )

    assert response.status_code == 200
    assert "deployments.reminders_sweep" in response.content.decode()

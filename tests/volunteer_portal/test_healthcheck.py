"""`manage.py healthcheck`, which the containers' health checks run."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

pytestmark = pytest.mark.django_db


def hourly_task(last_run_at):
    every_hour = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    return PeriodicTask.objects.create(
        name="sweep",
        task="deployments.reminders_sweep",
        interval=every_hour,
        last_run_at=last_run_at,
    )


def test_healthcheck_answers_ok_when_the_database_answers(capsys):
    call_command("healthcheck")

    assert capsys.readouterr().out == "ok\n"


def test_healthcheck_fails_when_the_web_server_does_not_answer():
    with pytest.raises(CommandError, match="the web server does not answer"):
        call_command("healthcheck", http="http://127.0.0.1:9/healthz")


def test_beat_is_healthy_when_a_periodic_task_ran_lately(capsys):
    hourly_task(timezone.now() - datetime.timedelta(minutes=50))

    call_command("healthcheck", beat=True)

    assert capsys.readouterr().out == "ok\n"


def test_beat_is_unhealthy_when_no_periodic_task_ran_for_hours():
    hourly_task(timezone.now() - datetime.timedelta(hours=3))

    with pytest.raises(CommandError, match="beat has sent no periodic task since"):
        call_command("healthcheck", beat=True)

"""Schedules the hourly digest run with django-celery-beat (editable in the admin).

Each run sends the digests whose morning has come in their recipient's own time zone, so the
schedule is hourly in UTC. An expired run is dropped rather than piled up behind a stopped
worker: the next hour's run does the same work.
"""

from django.db import migrations

TASK_NAME = "Notification digests (hourly)"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_hour, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": "notifications.send_digests",
            "interval": every_hour,
            "expire_seconds": 55 * 60,
            "description": "Sends daily and weekly email digests in each person's morning.",
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_digest_kind"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]

"""Runs privacy.purge every day at 03:00 UTC, through django-celery-beat."""

from django.db import migrations

TASK_NAME = "Purge personal data past retention"
TASK = "privacy.purge"
SCHEDULE = {
    "minute": "0",
    "hour": "3",
    "day_of_week": "*",
    "day_of_month": "*",
    "month_of_year": "*",
    "timezone": "UTC",
}


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(**SCHEDULE)
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "enabled": True,
            "description": "Deletes documents and read notifications past the RETENTION_* periods.",
        },
    )


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask.objects.filter(name=TASK_NAME, task=TASK).delete()
    CrontabSchedule.objects.filter(**SCHEDULE, periodictask__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_erasure_requests"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]

"""Schedules the reminder sweep and the coordinators' weekly programme digest with
django-celery-beat; both are editable (or can be paused) in the admin.

Both run hourly in UTC because each recipient is reminded in their own time zone: every hour
some zone's day (or Monday morning) begins. A run that could not start within the hour is
dropped rather than piled up behind a stopped worker; the next one does the same work, and
the reminder records keep every reminder to once per period.
"""

from django.db import migrations

SCHEDULES = {
    "Reminder sweep (hourly)": (
        "deployments.reminders_sweep",
        "Activity logs, monthly reports, check-ins, reviews, expiring documents, placements "
        "ending and agreements expiring: each reminder once per period, in each person's zone.",
    ),
    "Weekly programme digests (hourly check)": (
        "deployments.programme_digests",
        "Each coordinator's digest of their programmes, on Monday from 07:00 in their zone.",
    ),
}


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_hour, _ = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    for name, (task, description) in SCHEDULES.items():
        PeriodicTask.objects.get_or_create(
            name=name,
            defaults={
                "task": task,
                "interval": every_hour,
                "expire_seconds": 55 * 60,
                "description": description,
            },
        )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=list(SCHEDULES)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("deployments", "0005_placements_field_work"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]

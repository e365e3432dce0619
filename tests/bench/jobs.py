"""One piece of background work, timed in a fresh process: `python -m tests.bench.jobs NAME`.

Prints one JSON line: seconds, peak memory of this process (ru_maxrss) and before the work
(the baseline of a process with Django loaded), and what the work did. Run by run.py.

Reports go through the reports app's own path (a request by an administrator, so over every
log; tasks run in this process, as without a broker). The reminder sweep and the digests run
their services at one instant inside a transaction that is rolled back, so the data set
stays as seeded and the next run finds the same work due (the emails they would send after
the commit are not sent, so not timed).
"""

import datetime
import json
import os
import resource
import sys
import time

from tests.bench.environment import bench_environment

# Tasks run in this process, as the worker would run them; the reports' files go nowhere
# anyone serves them.
os.environ.pop("REDIS_URL", None)
bench_environment()

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from deployments.services import programme_digests_send, reminders_sweep  # noqa: E402
from notifications.services import digest_send, digests_due  # noqa: E402
from reports.enums import ReportFormat, ReportKind  # noqa: E402
from reports.models import ReportRequest  # noqa: E402
from reports.services import report_request_create  # noqa: E402
from users.models import User  # noqa: E402

BENCH_ADMIN = "bench-admin@volume.example"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(format_: str) -> str:
    admin, _ = User.objects.get_or_create(
        email=BENCH_ADMIN,
        defaults={"name": "Benchmark administrator", "is_superuser": True, "is_demo": True},
    )
    with transaction.atomic():
        requested = report_request_create(
            requested_by=admin, kind=ReportKind.ACTIVITY, format=format_
        )
    built = ReportRequest.objects.get(pk=requested.pk)
    size = built.file.size if built.file else 0
    outcome = f"{built.status}, {built.row_count or 0:,} rows, {size / 1024 / 1024:.1f} MB"
    if built.file:
        built.file.delete(save=False)
    built.delete()
    return outcome


def next_monday_morning() -> datetime.datetime:
    """08:30 in Beijing on the coming Monday: the weekly digests of Asia are due."""
    now = timezone.now()
    monday = now.date() + datetime.timedelta(days=(7 - now.weekday()) % 7)
    return datetime.datetime.combine(monday, datetime.time(0, 30), tzinfo=datetime.UTC)


def rolled_back(work):
    with transaction.atomic():
        outcome = work()
        transaction.set_rollback(True)
    return outcome


def reminders(*, days_ahead: int = 0) -> str:
    """The sweep now, or as it would run `days_ahead` days on with nothing logged meanwhile."""
    at = timezone.now() + datetime.timedelta(days=days_ahead)
    sent = rolled_back(lambda: reminders_sweep(now=at))
    return f"{sum(sent.values()):,} reminders due in {days_ahead} days: {sent}"


def digests() -> str:
    def send_all():
        at = next_monday_morning()
        programme = programme_digests_send(now=at)
        due = digests_due(now=at)
        personal = sum(
            digest_send(user_id=user_id, frequency=frequency, period_key=period_key)
            for user_id, frequency, period_key in due
        )
        return (
            f"at {at:%a %H:%M} UTC: {programme:,} programme digests, "
            f"{personal:,} of {len(due):,} personal digests"
        )

    return rolled_back(send_all)


JOBS = {
    "report_csv": lambda: report(ReportFormat.CSV),
    "report_xlsx": lambda: report(ReportFormat.XLSX),
    "report_pdf": lambda: report(ReportFormat.PDF),
    "reminders": reminders,
    # Ten days without a log or check-in: a reminder is due for every placement in country.
    "reminders_all_due": lambda: reminders(days_ahead=10),
    "digests": digests,
}


def main(name: str) -> None:
    baseline = peak_mb()
    started = time.monotonic()
    outcome = JOBS[name]()
    print(
        json.dumps(
            {
                "seconds": round(time.monotonic() - started, 2),
                "peak_rss_mb": round(peak_mb(), 1),
                "baseline_rss_mb": round(baseline, 1),
                "outcome": outcome,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])

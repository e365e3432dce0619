"""`manage.py healthcheck`: what a container health check runs inside the container.

It asks the database and the broker directly, as `/healthz` does, so it works whatever
ALLOWED_HOSTS says. `--http URL` also asks the web server for that URL (with the Host header
of the first allowed host); `--beat` also checks that the beat scheduler has sent a periodic
task lately. Exits 0 when healthy, 1 (saying why) when not.
"""

import datetime
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from volunteer_portal.health import broker_state, database_state

# The shortest schedule is hourly; beat saves when each task last ran every few minutes.
BEAT_MAX_AGE = datetime.timedelta(hours=2)


def allowed_host() -> str:
    """A host the web server accepts: the first allowed host that is not a pattern."""
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


class Command(BaseCommand):
    help = "Checks the database and the broker (and optionally the web server or beat)."

    def add_arguments(self, parser):
        parser.add_argument("--http", metavar="URL", help="also fetch this URL, e.g. /healthz")
        parser.add_argument(
            "--beat",
            action="store_true",
            help="also check that beat has sent a periodic task in the last two hours",
        )

    def handle(self, *args, http=None, beat=False, **options):
        problems = [
            f"{name} is down"
            for name, state in (("database", database_state()), ("broker", broker_state()))
            if state == "down"
        ]
        if http and not problems:
            problems += self.web_problems(http)
        if beat and not problems:
            problems += self.beat_problems()
        if problems:
            raise CommandError("; ".join(problems))
        self.stdout.write("ok")

    def web_problems(self, url: str) -> list[str]:
        request = urllib.request.Request(url, headers={"Host": allowed_host()})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            return [f"the web server does not answer at {url} ({error})"]
        return [] if status == 200 else [f"the web server answers {status} at {url}"]

    def beat_problems(self) -> list[str]:
        from django_celery_beat.models import PeriodicTask

        last_run = (
            PeriodicTask.objects.filter(enabled=True, last_run_at__isnull=False)
            .order_by("-last_run_at")
            .values_list("last_run_at", flat=True)
            .first()
        )
        # A new installation has no run yet: the container's start period covers the first.
        if last_run is None or timezone.now() - last_run <= BEAT_MAX_AGE:
            return []
        return [f"beat has sent no periodic task since {last_run.isoformat()}"]

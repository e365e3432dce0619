"""`make bench`: the portal under load on the seeded data, and its background work timed.

Serves the portal with gunicorn under production settings (tests/bench/settings.py), then,
page by page, drives it with concurrent clients (locust, headless, in its own process and
virtualenv) signed in as the busiest coordinator, partner and volunteer of
`seed_demo --size …`, or anonymous; a bare view doing one query is measured in the same
run, and every page is compared with it. Then times report generation, the reminder sweep
and the digests, each in a fresh process (tests/bench/jobs.py) that reports its peak memory.
A benchmark, not a test: it prints figures and writes them to bench-results.json.

Environment: REDIS_URL (the web processes' cache, as in production; without it each keeps
its own in memory), BENCH_USERS (8), BENCH_SECONDS per page (10), BENCH_WORKERS (2), BENCH_PORT
(8765), BENCH_JOBS (all; e.g. "report_csv,reminders"), BENCH_JOB_TIMEOUT (900 s),
BENCH_RESULTS (bench-results.json), BENCH_PAGES (all; a comma-separated filter on labels).
"""

import csv
import gzip
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.bench.environment import bench_environment

ROOT = Path(__file__).resolve().parents[2]
bench_environment()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.urls import reverse  # noqa: E402

from deployments.enums import PlacementStatus  # noqa: E402
from deployments.management.commands._demo_volume import busiest_accounts  # noqa: E402
from deployments.models import ActivityLog, Opportunity, Placement  # noqa: E402

USERS = int(os.environ.get("BENCH_USERS", "8"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench-results.json"))
BIN = Path(sys.executable).parent
LOCUST = ROOT / ".venv-bench" / "bin" / "locust"
JOBS = ("report_csv", "report_xlsx", "report_pdf", "reminders", "reminders_all_due", "digests")


def session_cookie(user) -> str:
    """A signed-in session for `user`, as the sign-in view would store it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def pages() -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """(label, path, cookie) of each page to measure, for the busiest user of each role, and
    those users' emails."""
    people = busiest_accounts()
    if None in people.values():
        sys.exit("No data to measure: run `python manage.py seed_demo --size medium` first.")
    cookies = {role: session_cookie(user) for role, user in people.items()}
    coordinator, volunteer = people["coordinator"], people["volunteer"]
    # The coordinator's placement with the most logs, and the opportunity with most applicants.
    long_placement = (
        Placement.objects.filter(project__programme__coordinators=coordinator)
        .annotate(log_count=Count("activity_logs"))
        .order_by("-log_count", "pk")
        .first()
    )
    busy_opportunity = (
        Opportunity.objects.filter(project__programme__coordinators=coordinator)
        .annotate(applicant_count=Count("applications"))
        .order_by("-applicant_count", "pk")
        .first()
    )
    own_placement = Placement.objects.get(volunteer=volunteer, status=PlacementStatus.IN_COUNTRY)
    anonymous = ""
    listed = [
        ("bare view (1 query)", "/bench/bare/", anonymous),
        ("anonymous /healthz", reverse("healthz"), anonymous),
        ("anonymous /", reverse("home"), anonymous),
        ("anonymous /accounts/login/", reverse("account_login"), anonymous),
        ("anonymous /opportunities/", reverse("deployments:opportunity-list"), anonymous),
        ("anonymous /projects/", reverse("deployments:project-list"), anonymous),
        ("coordinator /dashboard/", reverse("dashboard"), cookies["coordinator"]),
        ("coordinator /placements/", reverse("deployments:placement-list"), cookies["coordinator"]),
        (
            "coordinator /placements/?page=2",
            reverse("deployments:placement-list") + "?page=2",
            cookies["coordinator"],
        ),
        (
            "coordinator /placements/logs/",
            reverse("deployments:activity-log-queue"),
            cookies["coordinator"],
        ),
        (
            "coordinator /applications/",
            reverse("deployments:application-list"),
            cookies["coordinator"],
        ),
        (
            "coordinator opportunity pipeline",
            reverse("deployments:opportunity-pipeline", args=[busy_opportunity.pk]),
            cookies["coordinator"],
        ),
        (
            "coordinator placement with most logs",
            reverse("deployments:placement-detail", args=[long_placement.pk]),
            cookies["coordinator"],
        ),
        ("coordinator /projects/", reverse("deployments:project-list"), cookies["coordinator"]),
        ("coordinator /reports/", reverse("reports:report-list"), cookies["coordinator"]),
        ("coordinator /notifications/", reverse("notifications:list"), cookies["coordinator"]),
        ("partner /dashboard/", reverse("dashboard"), cookies["partner"]),
        ("partner /applications/", reverse("deployments:application-list"), cookies["partner"]),
        ("partner /placements/", reverse("deployments:placement-list"), cookies["partner"]),
        ("volunteer /dashboard/", reverse("dashboard"), cookies["volunteer"]),
        (
            "volunteer /opportunities/?sort=fit",
            reverse("deployments:opportunity-list") + "?sort=fit",
            cookies["volunteer"],
        ),
        (
            "volunteer own placement",
            reverse("deployments:placement-detail", args=[own_placement.pk]),
            cookies["volunteer"],
        ),
        (
            "volunteer /applications/",
            reverse("deployments:application-list"),
            cookies["volunteer"],
        ),
    ]
    chosen = [part.strip() for part in os.environ.get("BENCH_PAGES", "").split(",") if part]
    if chosen:
        # The bare view stays: every page is compared with it.
        listed = listed[:1] + [page for page in listed[1:] if any(c in page[0] for c in chosen)]
    return listed, {role: user.email for role, user in people.items()}


def fetch(path: str, cookie: str) -> tuple[int, int, int]:
    """Status, bytes on the wire (gzip asked for) and bytes of the page itself."""
    headers = {"Accept-Encoding": "gzip", "Accept-Language": "en"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(BASE + path, headers=headers)  # noqa: S310 (our server)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=120) as response:
            body = response.read()
            status = response.status
            encoded = response.headers.get("Content-Encoding") == "gzip"
    except urllib.error.HTTPError as error:
        return error.code, 0, 0
    return status, len(body), len(gzip.decompress(body) if encoded else body)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def serve() -> subprocess.Popen:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "volunteer_portal.wsgi:application",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{PORT}",
            "--log-level=warning",
            "--timeout=300",
        ],
        cwd=ROOT,
    )


def wait_until_up() -> None:
    for _ in range(60):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=30)  # noqa: S310 (our own server)
            return
        except OSError:
            time.sleep(1)
    sys.exit("gunicorn did not answer /healthz within a minute.")


def load(path: str, cookie: str, workdir: Path) -> dict:
    """`USERS` clients asking for one page for `SECONDS`; locust's figures for it."""
    prefix = workdir / "page"
    subprocess.run(
        [
            str(LOCUST),
            "-f",
            str(ROOT / "tests" / "bench" / "locustfile.py"),
            "--headless",
            f"--users={USERS}",
            f"--spawn-rate={USERS}",
            f"--run-time={SECONDS}s",
            f"--host={BASE}",
            f"--csv={prefix}",
            "--only-summary",
            "--loglevel=ERROR",
        ],
        env={**os.environ, "BENCH_PATH": path, "BENCH_COOKIE": cookie},
        cwd=ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        row = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50_ms": float(row["50%"] or 0),
        "p95_ms": float(row["95%"] or 0),
        "p99_ms": float(row["99%"] or 0),
    }


def measure_pages() -> tuple[list[dict], dict]:
    listed, people = pages()
    server = serve()
    results = []
    try:
        wait_until_up()
        with tempfile.TemporaryDirectory() as workdir:
            for label, path, cookie in listed:
                status, wire, size = fetch(path, cookie)
                figures = load(path, cookie, Path(workdir)) if status == 200 else {}
                results.append(
                    {
                        "page": label,
                        "path": path,
                        "status": status,
                        "wire_bytes": wire,
                        "html_bytes": size,
                        **figures,
                    }
                )
                print(row_text(results[-1], results[0]), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = results[0].get("rps") or 0
    for result in results:
        result["ratio_to_bare"] = round(result.get("rps", 0) / bare, 4) if bare else None
    return results, people


HEADER = (
    f"{'page, as the busiest user':<40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
    f"{'p99 ms':>8} {'errors':>7} {'vs bare':>8} {'KB':>7} {'KB gz':>6}"
)


def row_text(result: dict, bare: dict) -> str:
    if "rps" not in result:
        return f"{result['page']:<40} HTTP {result['status']}: not measured"
    ratio = result["rps"] / bare["rps"] if bare.get("rps") else 0
    return (
        f"{result['page']:<40} {result['rps']:>8.1f} {result['p50_ms']:>8.0f} "
        f"{result['p95_ms']:>8.0f} {result['p99_ms']:>8.0f} {result['errors']:>7} "
        f"{ratio:>7.1%} {result['html_bytes'] / 1024:>7.0f} {result['wire_bytes'] / 1024:>6.0f}"
    )


def measure_jobs() -> list[dict]:
    chosen = os.environ.get("BENCH_JOBS", ",".join(JOBS)).split(",")
    timeout = int(os.environ.get("BENCH_JOB_TIMEOUT", "900"))
    results = []
    for job in [job for job in JOBS if job in chosen]:
        started = time.monotonic()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "tests.bench.jobs", job],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
            lines = done.stdout.strip().splitlines()
            result = (
                json.loads(lines[-1])
                if done.returncode == 0 and lines
                else {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
            )
        except subprocess.TimeoutExpired:
            result = {"error": f"stopped after {timeout} s"}
        result = {"job": job, "wall_s": round(time.monotonic() - started, 1), **result}
        results.append(result)
        print(job_text(result), flush=True)
    return results


def job_text(result: dict) -> str:
    if "error" in result:
        return f"{result['job']:<18} failed: {result['error']}"
    return (
        f"{result['job']:<18} {result['seconds']:>7.1f} s   peak memory "
        f"{result['peak_rss_mb']:>6.0f} MB   {result['outcome']}"
    )


def scale() -> dict:
    return {
        "activity_logs": ActivityLog.objects.count(),
        "placements": Placement.objects.count(),
        "database": connection.vendor,
    }


def main() -> None:
    # Stopped from outside (Ctrl-C, a timeout), it still stops its gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    if not LOCUST.exists():
        sys.exit("No .venv-bench: run `make bench`, which creates it.")
    machine = {
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
        "python": platform.python_version(),
        "users": USERS,
        "seconds_per_page": SECONDS,
        "gunicorn_workers": WORKERS,
        # Production keeps its cache in Redis: REDIS_URL=redis://… measures the pages so.
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        **scale(),
    }
    print(
        f"{machine['activity_logs']:,} activity logs, {machine['placements']:,} placements on "
        f"{machine['database']}; {USERS} clients, {SECONDS} s a page, {WORKERS} gunicorn "
        f"workers, cache {machine['cache']}; load average {machine['load_before'][0]:.1f} on "
        f"{machine['cpus']} CPUs"
    )
    print(HEADER)
    page_results, people = measure_pages()
    print("\nBackground work (each in a fresh process; changes rolled back):")
    job_results = measure_jobs()
    machine["load_after"] = os.getloadavg()
    RESULTS.write_text(
        json.dumps(
            {"machine": machine, "accounts": people, "pages": page_results, "jobs": job_results},
            indent=2,
        )
    )
    print(f"\nWritten to {RESULTS}")


if __name__ == "__main__":
    main()

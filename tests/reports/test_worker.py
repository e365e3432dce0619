"""Reports built by real Celery workers over Redis, on the test's PostgreSQL database.

A worker runs in its own process, on a queue of its own, with the test database and the
test's private files. Each test commits (transaction=True), so the worker sees the rows.
"""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from notifications.models import Notification
from reports import services
from reports.enums import ReportFormat, ReportKind, ReportStatus
from reports.models import ReportRequest
from volunteer_portal.celery import app as celery_app

from .conftest import fresh, placements_add, read_csv

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def database_url(settings_dict) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


class Workers:
    """Starts and stops `celery worker` processes on one queue for the test."""

    def __init__(self, *, redis_url: str, queue: str, tmp_path: Path):
        self.queue = queue
        self.processes: list[subprocess.Popen] = []
        storage = ReportRequest._meta.get_field("file").storage
        self.private_root = Path(storage.location)
        self.temp_dir = tmp_path / "partials"
        self.env = {
            **os.environ,
            "REDIS_URL": redis_url,
            "DATABASE_URL": database_url(connection.settings_dict),
            "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
            "REPORTS_TEST_PRIVATE_ROOT": str(self.private_root),
            "REPORTS_TEST_TEMP_DIR": str(self.temp_dir),
            "REPORTS_TEST_QUEUE": queue,
            "LOG_LEVEL": "INFO",
        }

    def start(self, *, ready_within: float = 180, **env) -> subprocess.Popen:
        """Starts a worker and waits until it consumes its queue (slow on a busy machine)."""
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "volunteer_portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                f"--queues={self.queue}",
                f"--hostname={self.queue}-{len(self.processes)}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env={**self.env, **{key: str(value) for key, value in env.items()}},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        lines: list[str] = []
        ready = threading.Event()

        def read():
            for line in process.stdout:
                lines.append(line)
                if " ready." in line:
                    ready.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        process.lines, process.reader = lines, reader
        if not ready.wait(ready_within):
            self.stop(process, kill=True)
            pytest.fail(f"The worker was not ready within {ready_within} seconds")
        return process

    def stop(self, process: subprocess.Popen, *, kill: bool = False) -> str:
        """Stops a worker (SIGKILL: at once, as a crash would) and returns what it logged."""
        if process.poll() is None:
            process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.reader.join(timeout=10)
        output = "".join(process.lines)
        print(output)
        return output

    def stop_all(self) -> None:
        for process in self.processes:
            if process.returncode is None:
                self.stop(process, kill=True)


@pytest.fixture
def workers(redis_url, transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("worker tests need the test database on PostgreSQL, shared with the worker")
    queue = f"test-reports-{uuid.uuid4().hex[:12]}"
    conf = celery_app.conf
    saved = (conf.task_always_eager, conf.broker_url, conf.result_backend, conf.task_routes)
    conf.task_always_eager = False
    conf.broker_url = redis_url
    conf.result_backend = redis_url
    conf.task_routes = {"reports.*": {"queue": queue}}
    _reset_router()
    pool = Workers(redis_url=redis_url, queue=queue, tmp_path=tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()
        (conf.task_always_eager, conf.broker_url, conf.result_backend, conf.task_routes) = saved
        _reset_router()


def _reset_router() -> None:
    """Celery caches its router; a new one reads the routes set for this test."""
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)


def wait_for(report, condition, *, timeout: float = 90, what: str = "") -> ReportRequest:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if condition(report):
            return report
        time.sleep(0.2)
    pytest.fail(f"Timed out waiting for {what}: report is {report.status} at {report.progress}%")


def request_report(user, **kwargs) -> ReportRequest:
    """Through the service, as the web does: the task leaves when the transaction commits."""
    return services.report_request_create(requested_by=fresh(user), filters={}, **kwargs)


def stored_files(report) -> list[str]:
    folder = Path(report.file.storage.location) / "reports" / str(report.pk)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_a_requested_report_is_built_by_the_worker(workers, coordinator, field_data):
    workers.start()

    report = request_report(coordinator, kind=ReportKind.ACTIVITY, format=ReportFormat.CSV)
    wait_for(report, lambda r: r.status == ReportStatus.DONE, what="the report")

    assert report.progress == 100
    assert stored_files(report) == [f"activity-{report.pk}.csv"]
    assert read_csv(report)[1][0] == "#activity+code"
    assert Notification.objects.filter(recipient=coordinator).count() == 1


def test_killing_the_worker_mid_report_still_yields_one_report(workers, administrator, project):
    placements_add(project, opportunities=1, start=0)  # 100 rows
    slow = workers.start(REPORTS_TEST_ROW_DELAY=0.1)  # about 10 seconds for the report

    report = request_report(administrator, kind=ReportKind.PLACEMENTS, format=ReportFormat.CSV)
    wait_for(report, lambda r: r.progress >= 10, timeout=60, what="the build to be under way")
    workers.stop(slow, kill=True)

    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING
    assert report.progress < 100
    assert stored_files(report) == []
    assert len(list(workers.temp_dir.glob(f"report-{report.pk}-*.partial"))) == 1

    # The broker hands the unacknowledged task to the next worker (at once, for the test).
    workers.start(REPORTS_TEST_VISIBILITY_TIMEOUT=1)
    wait_for(report, lambda r: r.status == ReportStatus.DONE, what="the restarted build")

    assert ReportRequest.objects.count() == 1
    assert (report.progress, report.row_count) == (100, 100)
    assert stored_files(report) == [f"placements-{report.pk}.csv"]
    assert len(read_csv(report)) == 2 + 100
    assert Notification.objects.filter(recipient=administrator).count() == 1


def test_a_transient_failure_is_retried_and_the_report_built(
    workers, coordinator, field_data, tmp_path
):
    marker = tmp_path / "storage-failures"
    worker = workers.start(
        REPORTS_TEST_STORAGE="tests.reports.flaky_storage.FlakyStorage",
        REPORTS_TEST_FLAKY_MARKER=marker,
        REPORTS_TEST_FLAKY_TIMES=1,
    )

    report = request_report(coordinator, kind=ReportKind.PROGRAMME_SUMMARY, format="xlsx")
    wait_for(report, lambda r: r.status == ReportStatus.DONE, what="the retried build")
    output = workers.stop(worker)

    assert marker.read_text() == "1"  # the first attempt failed
    assert output.count(f"Report {report.pk} was interrupted; building it again") == 1
    assert report.error == ""
    assert stored_files(report) == [f"programme-summary-{report.pk}.xlsx"]

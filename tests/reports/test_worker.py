"""Reports built by real Celery workers over Redis, on the test's PostgreSQL database.

A worker runs in its own process, on a queue of its own, with the test database and the
test's private files. Each test commits (transaction=True), so the worker sees the rows.
"""

import time
from pathlib import Path

import pytest

from notifications.models import Notification
from reports import services
from reports.enums import ReportFormat, ReportKind, ReportStatus
from reports.models import ReportRequest
from tests.worker import workers_fixture  # noqa: F401  (a fixture)

from .conftest import fresh, placements_add, read_csv

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _reports_to_the_workers(workers):
    """The reports that the test requests are built by its workers."""
    workers.route("reports.*")


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
    slow = workers.start(TEST_WORKER_ROW_DELAY=0.1)  # about 10 seconds for the report

    report = request_report(administrator, kind=ReportKind.PLACEMENTS, format=ReportFormat.CSV)
    wait_for(report, lambda r: r.progress >= 10, timeout=60, what="the build to be under way")
    workers.stop(slow, kill=True)

    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING
    assert report.progress < 100
    assert stored_files(report) == []
    assert len(list(workers.temp_dir.glob(f"report-{report.pk}-*.partial"))) == 1

    # The broker hands the unacknowledged task to the next worker (at once, for the test).
    workers.start(TEST_WORKER_VISIBILITY_TIMEOUT=1)
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
        TEST_WORKER_STORAGE="tests.reports.flaky_storage.FlakyStorage",
        FLAKY_STORAGE_MARKER=marker,
        FLAKY_STORAGE_FAILURES=1,
    )

    report = request_report(coordinator, kind=ReportKind.PROGRAMME_SUMMARY, format="xlsx")
    wait_for(report, lambda r: r.status == ReportStatus.DONE, what="the retried build")
    output = workers.stop(worker)

    assert marker.read_text() == "1"  # the first attempt failed
    assert output.count(f"Report {report.pk} was interrupted; building it again") == 1
    assert report.error == ""
    assert stored_files(report) == [f"programme-summary-{report.pk}.xlsx"]

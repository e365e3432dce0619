"""The file jobs (reports/jobs.py) that reports and personal data exports share."""

import datetime
import logging
import os

import pytest
from django.utils import timezone

from privacy.models import DataExport
from privacy.tasks import data_export_build_task
from reports.enums import ReportStatus
from reports.jobs import KEEP_FOR
from reports.services import report_expire_old
from reports.tasks import report_build_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RETRY_POLICY = (
    "autoretry_for",
    "retry_backoff",
    "retry_backoff_max",
    "retry_jitter",
    "max_retries",
    "acks_late",
    "reject_on_worker_lost",
)


def test_both_build_tasks_keep_their_names_and_share_one_retry_policy():
    assert (report_build_task.name, data_export_build_task.name) == (
        "reports.build",
        "privacy.export_build",
    )
    assert [getattr(report_build_task, option) for option in RETRY_POLICY] == [
        getattr(data_export_build_task, option) for option in RETRY_POLICY
    ]


def test_logs_name_the_kind_of_file(caplog):
    with caplog.at_level(logging.WARNING, logger="privacy.services"):
        data_export_build_task.apply(kwargs={"export_id": 424242})

    assert "Data export 424242 is gone" in caplog.text


def test_an_export_still_failing_after_its_retries_is_marked_failed():
    export = DataExport.objects.create(user=UserFactory(), status=ReportStatus.RUNNING)

    data_export_build_task.on_failure(
        ConnectionError("storage gone"), "task-id", (), {"export_id": export.pk}, None
    )

    export.refresh_from_db()
    assert (export.status, export.error) == (ReportStatus.FAILED, "ConnectionError: storage gone")
    assert export.expires_at == export.finished_at + KEEP_FOR


def test_partial_files_of_exports_are_swept_with_the_reports(settings, tmp_path):
    settings.REPORTS_TEMP_DIR = tmp_path
    stale = tmp_path / "report-export-1-a.zip.partial"
    stale.write_text("left by a stopped worker")
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(stale, (two_days_ago, two_days_ago))

    report_expire_old()

    assert not stale.exists()

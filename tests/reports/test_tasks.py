"""The Celery tasks, run in-process; tests/reports/test_worker.py runs them on a real worker."""

import logging

import pytest
from django.db import OperationalError

from notifications.models import Notification
from reports.enums import ReportKind, ReportStatus
from reports.models import ReportRequest
from reports.services import report_request_create
from reports.tasks import report_build_task, report_expire_task
from tests.factories import ReportRequestFactory

from .conftest import fresh

pytestmark = pytest.mark.django_db


def test_build_task_is_declared_for_late_acks_and_retries():
    assert report_build_task.name == "reports.build"
    assert report_build_task.acks_late is True
    assert report_build_task.max_retries == 5
    assert report_build_task.retry_backoff is True
    assert {OperationalError, ConnectionError} <= set(report_build_task.autoretry_for)


def test_a_missing_report_is_logged_and_skipped(caplog):
    with caplog.at_level(logging.WARNING, logger="reports.services"):
        result = report_build_task.apply(kwargs={"report_id": 424242})

    assert result.successful()
    assert result.result is None
    assert "Report 424242 is gone" in caplog.text


def test_the_task_builds_once_however_often_it_runs(coordinator, field_data):
    report = ReportRequestFactory(requested_by=coordinator, kind=ReportKind.ACTIVITY)

    first = report_build_task.apply(kwargs={"report_id": report.pk})
    second = report_build_task.apply(kwargs={"report_id": report.pk})

    assert (first.result, second.result) == (ReportStatus.DONE, None)
    assert Notification.objects.filter(recipient=coordinator).count() == 1


def test_a_report_still_failing_after_its_retries_is_marked_failed(coordinator):
    report = ReportRequestFactory(requested_by=coordinator, status=ReportStatus.RUNNING)

    report_build_task.on_failure(
        ConnectionError("broker gone"), "task-id", (), {"report_id": report.pk}, None
    )

    report.refresh_from_db()
    assert (report.status, report.error) == (ReportStatus.FAILED, "ConnectionError: broker gone")
    assert report.finished_at is not None


def test_the_build_is_enqueued_only_after_the_transaction_commits(
    coordinator, project, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = report_request_create(
            requested_by=fresh(coordinator), kind=ReportKind.ACTIVITY, format="csv"
        )

    assert len(callbacks) == 1
    assert ReportRequest.objects.get(pk=report.pk).status == ReportStatus.QUEUED


def test_expire_task_counts_what_it_expired():
    assert report_expire_task.apply().result == 0

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from notifications.enums import NotificationKind
from notifications.models import Notification
from reports import services
from reports.enums import ReportFormat, ReportKind, ReportStatus
from reports.models import ReportRequest
from tests.factories import MembershipFactory, ReportRequestFactory, UserFactory

from .conftest import build, fresh, read_csv

pytestmark = pytest.mark.django_db


def project_titles(report) -> list[str]:
    return [row[1] for row in read_csv(report)[2:]]


def test_coordinator_report_covers_only_their_programmes(
    coordinator, programme, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )

    assert report.status == ReportStatus.DONE
    assert report.filters["scope"] == {"programmes": [programme.pk], "organisations": []}
    assert project_titles(report) == ["Community school teaching, Kathmandu"] * 2


def test_partner_admin_report_is_forced_to_their_organisation(
    partner_admin, host_partner, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=partner_admin,
        kind=ReportKind.PROGRAMME_SUMMARY,
        format=ReportFormat.CSV,
    )

    assert report.filters["scope"] == {"programmes": [], "organisations": [host_partner.pk]}
    assert project_titles(report) == ["Community school teaching, Kathmandu"]


def test_partner_admin_may_not_choose_another_organisations_project(partner_admin, other_project):
    with pytest.raises(ValidationError) as refused:
        services.report_request_create(
            requested_by=fresh(partner_admin),
            kind=ReportKind.PLACEMENTS,
            format=ReportFormat.CSV,
            filters={"project": other_project.pk, "programme": other_project.programme_id},
        )

    assert set(refused.value.message_dict) == {"project", "programme"}
    assert ReportRequest.objects.count() == 0


def test_administrator_reports_on_everything(
    administrator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.PROGRAMME_SUMMARY,
        format=ReportFormat.CSV,
    )

    assert report.filters["scope"] is None
    assert sorted(project_titles(report)) == [
        "Community school teaching, Kathmandu",
        "Youth health outreach, Yangon",
    ]


@pytest.mark.parametrize("person", ["volunteer", "reviewer"])
def test_people_without_a_reporting_role_may_not_request(person, volunteer, host_partner):
    user = volunteer
    if person == "reviewer":
        user = UserFactory()
        MembershipFactory(user=user, organisation=host_partner, is_reviewer=True)

    with pytest.raises(PermissionDenied):
        services.report_request_create(
            requested_by=fresh(user), kind=ReportKind.ACTIVITY, format=ReportFormat.CSV
        )
    assert ReportRequest.objects.count() == 0


def test_filters_narrow_the_report(administrator, field_data, django_capture_on_commit_callbacks):
    in_myanmar = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
        filters={"country": "mm"},
    )
    in_april = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
        filters={"period_from": datetime.date(2026, 4, 1), "period_to": "2026-04-30"},
    )

    assert project_titles(in_myanmar) == ["Youth health outreach, Yangon"]
    assert [(row[4], row[5]) for row in read_csv(in_april)[2:]] == [("2026-04", "Training")]


def test_an_organisation_filter_finds_projects_it_hosts_or_joins(
    administrator, project, other_project, host_partner, django_capture_on_commit_callbacks
):
    from tests.factories import ProjectPartnerFactory

    ProjectPartnerFactory(project=other_project, organisation=host_partner)

    report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.PROGRAMME_SUMMARY,
        format=ReportFormat.CSV,
        filters={"organisation": host_partner.pk},
    )

    assert sorted(project_titles(report)) == [
        "Community school teaching, Kathmandu",
        "Youth health outreach, Yangon",
    ]


def test_bad_input_is_refused_clearly_and_nothing_is_written(coordinator, project, other_project):
    with pytest.raises(ValidationError) as refused:
        services.report_request_create(
            requested_by=fresh(coordinator),
            kind="gossip",
            format="doc",
            filters={
                "project": other_project.pk,
                "country": "MM",
                "period_from": "2026-05-01",
                "period_to": "2026-04-01",
            },
        )

    assert set(refused.value.message_dict) == {"kind", "format", "project", "country", "period_to"}
    assert ReportRequest.objects.count() == 0


def test_the_requester_is_notified_with_a_download_link(
    coordinator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.PLACEMENTS,
        format=ReportFormat.XLSX,
    )

    notification = Notification.objects.get(recipient=coordinator)
    assert notification.kind == NotificationKind.REPORT
    assert notification.link == reverse("reports:report-download", args=[report.pk])
    assert report.progress == 100
    assert report.row_count == 1
    assert report.expires_at == report.finished_at + datetime.timedelta(days=30)


def report_files(report) -> list[str]:
    storage = report.file.storage
    return sorted(storage.listdir(f"reports/{report.pk}")[1])


def test_a_done_report_is_not_built_again(
    coordinator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )
    finished_at = report.finished_at

    assert services.report_build(report_id=report.pk) is None

    report.refresh_from_db()
    assert report.finished_at == finished_at
    assert report_files(report) == [f"activity-{report.pk}.csv"]
    assert Notification.objects.filter(recipient=coordinator).count() == 1


def test_an_interrupted_build_ends_with_one_file(coordinator, field_data):
    """A worker stopped after storing the file but before committing leaves a stray file."""
    report = ReportRequestFactory(
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        filters={"scope": {"programmes": [field_data["here"].project.programme_id]}},
        status=ReportStatus.RUNNING,
        progress=40,
    )
    storage = report.file.storage
    storage.save(f"reports/{report.pk}/activity-{report.pk}.csv", _content(b"half a report"))

    services.report_build(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report_files(report) == [f"activity-{report.pk}.csv"]
    assert report.file.name == f"reports/{report.pk}/activity-{report.pk}.csv"
    assert read_csv(report)[0][0] == "Project code"


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def test_a_missing_report_is_skipped():
    assert services.report_build(report_id=987654) is None


def test_a_report_that_cannot_be_built_is_marked_failed(coordinator):
    report = ReportRequestFactory(requested_by=coordinator, filters={"programme": "not a number"})

    services.report_build(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error.startswith("ValueError")
    assert not report.file
    assert Notification.objects.get(recipient=coordinator).link == reverse(
        "reports:report-detail", args=[report.pk]
    )


def test_old_reports_expire_and_lose_their_file(
    coordinator, field_data, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.REPORTS_TEMP_DIR = tmp_path
    old = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )
    recent = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )
    ReportRequest.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    stale, fresh_partial = tmp_path / "report-1-a.csv.partial", tmp_path / "report-2-b.csv.partial"
    stale.write_text("left by a stopped worker")
    fresh_partial.write_text("a build in progress")
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    import os

    os.utime(stale, (two_days_ago, two_days_ago))
    storage, old_name = old.file.storage, old.file.name

    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_expire_old() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, old.file.name) == (ReportStatus.EXPIRED, "")
    assert not storage.exists(old_name)
    assert recent.status == ReportStatus.DONE
    assert storage.exists(recent.file.name)
    assert (stale.exists(), fresh_partial.exists()) == (False, True)
    assert services.report_expire_old() == 0


def test_the_database_keeps_progress_status_and_format_valid(coordinator):
    report = ReportRequestFactory(requested_by=coordinator)
    for field, value in [("progress", 101), ("status", "lost"), ("format", "doc")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            ReportRequest.objects.filter(pk=report.pk).update(**{field: value})


def test_expiry_runs_daily_through_celery_beat():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="reports.expire")
    assert (task.enabled, task.crontab.hour, task.crontab.minute) == (True, "2", "0")

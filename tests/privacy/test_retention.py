"""The daily purge removes what the retention settings no longer allow, and only that."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from deployments.enums import ApplicationStatus, PlacementStatus
from notifications.models import Notification
from privacy import services
from tests.factories import ApplicationFactory, DocumentFactory, PlacementFactory, UserFactory
from volunteers.enums import DocumentKind
from volunteers.models import Document

from .conftest import private_files

pytestmark = pytest.mark.django_db

DAYS = datetime.timedelta(days=1)


def closed_applicant(days_ago: int, status=ApplicationStatus.REJECTED):
    person = UserFactory()
    ApplicationFactory(
        volunteer=person, status=status, status_changed_at=timezone.now() - days_ago * DAYS
    )
    return DocumentFactory(owner=person)


def purge(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.personal_data_purge(**kwargs)


@override_settings(RETENTION_CLOSED_APPLICATION_DOCUMENTS_DAYS=90)
def test_documents_of_applicants_all_closed_long_ago_are_removed(
    django_capture_on_commit_callbacks,
):
    old = closed_applicant(91)
    withdrawn = closed_applicant(100, ApplicationStatus.WITHDRAWN)
    recent = closed_applicant(89)
    still_open = closed_applicant(200)
    ApplicationFactory(volunteer=still_open.owner, status=ApplicationStatus.SUBMITTED)
    never_applied = DocumentFactory()
    placed = closed_applicant(200)
    PlacementFactory(application__volunteer=placed.owner, status=PlacementStatus.COMPLETED)
    old_file = old.file.name

    plan = purge(django_capture_on_commit_callbacks)

    assert plan.closed_application_documents == sorted([old.pk, withdrawn.pk])
    assert set(Document.objects.values_list("pk", flat=True)) == {
        recent.pk,
        still_open.pk,
        never_applied.pk,
        placed.pk,
    }
    assert old_file not in private_files()


@override_settings(RETENTION_EXPIRED_DOCUMENTS_DAYS=30)
def test_documents_long_past_their_expiry_are_removed(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    long_expired = DocumentFactory(kind=DocumentKind.PASSPORT, expires_on=today - 31 * DAYS)
    just_expired = DocumentFactory(kind=DocumentKind.PASSPORT, expires_on=today - 29 * DAYS)
    valid = DocumentFactory(kind=DocumentKind.VISA, expires_on=today + 10 * DAYS)

    plan = purge(django_capture_on_commit_callbacks)

    assert plan.expired_documents == [long_expired.pk]
    assert set(Document.objects.values_list("pk", flat=True)) == {just_expired.pk, valid.pk}


@override_settings(RETENTION_READ_NOTIFICATIONS_DAYS=180)
def test_notifications_read_long_ago_are_removed(django_capture_on_commit_callbacks):
    person = UserFactory()
    now = timezone.now()

    def notification(read_at):
        return Notification.objects.create(
            recipient=person, kind="placement", subject="Hello", read_at=read_at
        )

    old = notification(now - 181 * DAYS)
    recent = notification(now - 179 * DAYS)
    unread = notification(None)

    plan = purge(django_capture_on_commit_callbacks)

    assert plan.read_notifications == [old.pk]
    assert set(Notification.objects.values_list("pk", flat=True)) == {recent.pk, unread.pk}


@override_settings(RETENTION_READ_NOTIFICATIONS_DAYS=180)
def test_dry_run_lists_counts_and_ids_and_removes_nothing(capsys):
    document = closed_applicant(400)
    notification = Notification.objects.create(
        recipient=UserFactory(),
        kind="placement",
        subject="Hello",
        read_at=timezone.now() - 200 * DAYS,
    )

    call_command("purge_personal_data", "--dry-run")

    output = capsys.readouterr().out
    assert f"Would remove 1 documents of people whose applications all closed: {document.pk}" in (
        output
    )
    assert f"Would remove 1 notifications read long ago: {notification.pk}" in output
    assert Document.objects.filter(pk=document.pk).exists()
    assert Notification.objects.filter(pk=notification.pk).exists()

    call_command("purge_personal_data")

    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Notification.objects.filter(pk=notification.pk).exists()
    assert "Removed 1 notifications read long ago" in capsys.readouterr().out


def test_purge_is_scheduled_daily():
    from django_celery_beat.models import PeriodicTask

    assert set(
        PeriodicTask.objects.filter(task__startswith="privacy.").values_list("task", flat=True)
    ) == {"privacy.purge", "privacy.exports_expire"}

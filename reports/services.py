"""Requesting, building and expiring reports — the only place their state changes.

A build may run twice (a worker killed mid-report leaves the task to be run again, and a
slow worker's task can be handed to another): it claims the row, writes the file under a
temporary name, and only then, with the row locked, stores the file under the report's one
fixed name and marks it done. Whatever happens in between, a report ends with exactly one
file, and a done report is never built again.
"""

import datetime
import logging
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from notifications.enums import NotificationKind
from notifications.services import notification_send

from . import selectors
from .enums import FINISHED_STATUSES, PENDING_STATUSES, ReportFormat, ReportKind, ReportStatus
from .models import ReportRequest
from .rules import report_scope_of
from .sources import ReportFilters, source_for
from .writers import writer_for

logger = logging.getLogger(__name__)

# Failures worth another try later: the database or a network service was briefly away.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
KEEP_FOR = datetime.timedelta(days=30)
# Share of the progress bar the rows take; the rest is finishing the file (laying out a PDF).
ROWS_SHARE = 95
PARTIAL_MAX_AGE = datetime.timedelta(days=1)
ERROR_MAX_LENGTH = 2000


def report_temp_dir() -> Path:
    """Where builds write their file before it is stored (local to the worker)."""
    folder = getattr(settings, "REPORTS_TEMP_DIR", None) or (
        Path(tempfile.gettempdir()) / "volunteer-portal-reports"
    )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _clean_filters(*, viewer, filters: dict) -> ReportFilters:
    """The filters as the viewer may choose them; a ValidationError names each wrong one."""
    errors = {}

    def chosen_id(field, choices, message):
        value = filters.get(field)
        if value in (None, ""):
            return None
        try:
            pk = int(getattr(value, "pk", value))
        except (TypeError, ValueError):
            errors[field] = message
            return None
        if not choices.filter(pk=pk).exists():
            errors[field] = message
            return None
        return pk

    programme = chosen_id(
        "programme",
        selectors.report_programme_choices(viewer=viewer),
        _("Choose a programme you may report on."),
    )
    project = chosen_id(
        "project",
        selectors.report_project_choices(viewer=viewer),
        _("Choose a project you may report on."),
    )
    organisation = chosen_id(
        "organisation",
        selectors.report_organisation_choices(viewer=viewer),
        _("Choose a partner organisation of a project you may report on."),
    )
    country = (filters.get("country") or "").strip().upper()
    if country and country not in dict(selectors.report_country_choices(viewer=viewer)):
        errors["country"] = _("Choose a host country of a project you may report on.")
        country = ""
    dates = {}
    for field in ("period_from", "period_to"):
        value = filters.get(field)
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                errors[field] = _("Enter a date as YYYY-MM-DD.")
                value = None
        dates[field] = value or None
    if dates["period_from"] and dates["period_to"] and dates["period_from"] > dates["period_to"]:
        errors["period_to"] = _("The end of the period comes before its start.")
    if (
        programme
        and project
        and not selectors.report_project_choices(viewer=viewer)
        .filter(pk=project, programme=programme)
        .exists()
    ):
        errors["project"] = _("This project is not part of the programme chosen.")
    if errors:
        raise ValidationError(errors)
    return ReportFilters(
        programme=programme,
        country=country,
        project=project,
        organisation=organisation,
        period_from=dates["period_from"],
        period_to=dates["period_to"],
        scope=report_scope_of(viewer),
    )


@transaction.atomic
def report_request_create(
    *, requested_by, kind: str, format: str, filters: dict | None = None
) -> ReportRequest:
    """Records a request and has a worker build it once the transaction commits.

    Coordinators report on their programmes, partner organisations' admins on their
    organisation's projects, administrators on everything: the requester's scope is fixed
    into the filters, whatever else they choose.
    """
    if not requested_by.has_perm("reports.request_report"):
        raise PermissionDenied(_("You may not request reports."))
    errors = {}
    if kind not in ReportKind.values:
        errors["kind"] = _("Choose a kind of report.")
    if format not in ReportFormat.values:
        errors["format"] = _("Choose a format.")
    try:
        cleaned = _clean_filters(viewer=requested_by, filters=filters or {})
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    report = ReportRequest.objects.create(
        requested_by=requested_by, kind=kind, format=format, filters=cleaned.to_json()
    )
    from .tasks import report_build_task

    transaction.on_commit(lambda: report_build_task.delay(report_id=report.pk))
    return report


def _report_claim(*, report_id: int) -> ReportRequest | None:
    """Marks the report running, unless it is gone or already finished."""
    with transaction.atomic():
        report = (
            ReportRequest.objects.select_for_update()
            .select_related("requested_by")
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            logger.warning("Report %s is gone; nothing to build", report_id)
            return None
        if report.status not in PENDING_STATUSES:
            logger.info("Report %s is already %s; not built again", report_id, report.status)
            return None
        if report.status == ReportStatus.RUNNING:
            logger.info("Report %s was interrupted; building it again", report_id)
        report.status = ReportStatus.RUNNING
        report.progress = 0
        report.error = ""
        report.started_at = timezone.now()
        report.save(update_fields=["status", "progress", "error", "started_at"])
    return report


def _progress_set(*, report_id: int, progress: int) -> None:
    ReportRequest.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=progress
    )


@contextmanager
def _temporary_path(report: ReportRequest):
    """A fresh temporary file name for this attempt, removed afterwards whatever happens."""
    handle, name = tempfile.mkstemp(
        prefix=f"report-{report.pk}-", suffix=f".{report.format}.partial", dir=report_temp_dir()
    )
    os.close(handle)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _write(*, report: ReportRequest, path: Path) -> int:
    """Writes every row to `path`, reporting progress; the number of rows."""
    source = source_for(report.kind)
    filters = ReportFilters.from_json(report.filters)
    total = source.queryset(filters).count()
    writer = writer_for(report.format)(
        path, source=source, filters=filters, title=str(source.title)
    )
    # Tests slow builds down to stop a worker in the middle of one; never set in production.
    delay = float(getattr(settings, "REPORTS_TEST_ROW_DELAY", 0) or 0)
    written = shown = 0
    for row in source.rows(filters):
        writer.write(row)
        written += 1
        if delay:
            time.sleep(delay)
        progress = written * ROWS_SHARE // total if total else 0
        if progress > shown:
            _progress_set(report_id=report.pk, progress=progress)
            shown = progress
    writer.close()
    return written


def _report_store(*, report_id: int, path: Path, rows: int) -> ReportRequest | None:
    """Stores the built file under the report's one name and marks it done, with the row locked."""
    with transaction.atomic():
        report = (
            ReportRequest.objects.select_for_update()
            .select_related("requested_by")
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            logger.warning("Report %s was deleted while it was built", report_id)
            return None
        if report.status in (ReportStatus.DONE, ReportStatus.EXPIRED):
            logger.info("Report %s was finished by another attempt", report_id)
            return report
        field = report.file.field
        filename = f"{report.kind.replace('_', '-')}-{report.pk}.{report.format}"
        name = field.generate_filename(report, filename)
        # A file left by an attempt stopped between storing it and committing is replaced.
        if field.storage.exists(name):
            field.storage.delete(name)
        with path.open("rb") as handle:
            report.file.save(filename, File(handle), save=False)
        now = timezone.now()
        report.status = ReportStatus.DONE
        report.progress = 100
        report.row_count = rows
        report.error = ""
        report.finished_at = now
        report.expires_at = now + KEEP_FOR
        report.save()
        notification_send(
            recipients=[report.requested_by],
            kind=NotificationKind.REPORT,
            subject=_("Your report “%(report)s” is ready"),
            message=_("Download it within 30 days; it is deleted after that."),
            link=reverse("reports:report-download", args=[report.pk]),
            params={"report": report.get_kind_display()},
        )
    return report


def report_build(*, report_id: int) -> ReportRequest | None:
    """Builds the report's file once; a finished or missing report is left alone.

    Transient failures (database, network) propagate so that the task is retried; any other
    failure marks the report failed, since trying again would fail the same way.
    """
    report = _report_claim(report_id=report_id)
    if report is None:
        return None
    person = report.requested_by
    try:
        with (
            translation.override(person.preferred_language),
            timezone.override(person.time_zone),
            _temporary_path(report) as path,
        ):
            rows = _write(report=report, path=path)
            return _report_store(report_id=report.pk, path=path, rows=rows)
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        logger.exception("Report %s could not be built", report_id)
        return report_fail(report_id=report_id, error=error)


@transaction.atomic
def report_fail(*, report_id: int, error: BaseException | str) -> ReportRequest | None:
    """Marks an unfinished report failed with the error, and tells its requester once."""
    report = (
        ReportRequest.objects.select_for_update()
        .select_related("requested_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.status not in PENDING_STATUSES:
        return report
    if isinstance(error, BaseException):
        error = f"{type(error).__name__}: {error}"
    now = timezone.now()
    report.status = ReportStatus.FAILED
    report.error = str(error)[:ERROR_MAX_LENGTH]
    report.finished_at = now
    report.expires_at = now + KEEP_FOR
    report.save(update_fields=["status", "error", "finished_at", "expires_at"])
    notification_send(
        recipients=[report.requested_by],
        kind=NotificationKind.REPORT,
        subject=_("Your report “%(report)s” could not be built"),
        message=_("Please request it again; if it fails again, tell the portal's administrators."),
        link=reverse("reports:report-detail", args=[report.pk]),
        params={"report": report.get_kind_display()},
    )
    return report


def report_expire_old(*, now: datetime.datetime | None = None) -> int:
    """Deletes the files of reports past their 30 days and marks them expired; how many.

    Requests that never finished within 30 days expire too, and partial files that stopped
    builds left behind are removed after a day.
    """
    now = now or timezone.now()
    due = ReportRequest.objects.filter(
        Q(status__in=FINISHED_STATUSES, expires_at__lte=now)
        | Q(status__in=PENDING_STATUSES, created_at__lte=now - KEEP_FOR)
    ).values_list("pk", flat=True)
    expired = 0
    for report_id in list(due.iterator(chunk_size=500)):
        expired += _report_expire(report_id=report_id, now=now)
    _partial_files_remove(older_than=now - PARTIAL_MAX_AGE)
    return expired


@transaction.atomic
def _report_expire(*, report_id: int, now: datetime.datetime) -> int:
    report = ReportRequest.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.status == ReportStatus.EXPIRED:
        return 0
    name, storage = report.file.name, report.file.storage
    report.status = ReportStatus.EXPIRED
    report.file = ""
    report.expires_at = report.expires_at or now
    report.save(update_fields=["status", "file", "expires_at"])
    if name:
        # The file goes only once the row no longer points to it.
        transaction.on_commit(lambda: storage.delete(name))
    return 1


def _partial_files_remove(*, older_than: datetime.datetime) -> None:
    limit = older_than.timestamp()
    for partial in report_temp_dir().glob("report-*.partial"):
        try:
            if partial.stat().st_mtime < limit:
                partial.unlink()
        except FileNotFoundError:
            continue

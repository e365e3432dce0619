"""Requesting, building and expiring reports — the only place their state changes.

A report is built as a FileJob (reports/jobs.py): claimed, written under a temporary name,
stored under its one fixed name with the row locked, kept for 30 days.
"""

import dataclasses
import datetime
import logging
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from notifications.enums import NotificationKind
from notifications.services import notification_send
from users.forms import MAX_YEAR, MIN_YEAR

from . import selectors
from .annual import annual_sections, year_filters
from .enums import ANNUAL_FORMATS, ReportFormat, ReportKind
from .jobs import PARTIAL_MAX_AGE, FileJob, partial_files_remove
from .models import ReportRequest
from .rules import report_scope_of
from .sources import ReportFilters, filters_described, programme_names, source_for
from .writers import annual_pdf_write, annual_xlsx_write, writer_for

logger = logging.getLogger(__name__)

# Share of the progress bar the rows take; the rest is finishing the file (laying out a PDF).
ROWS_SHARE = 95


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


def _annual_filters(filters: ReportFilters, *, format: str, year) -> ReportFilters:
    """The annual report covers one programme over one calendar year, as PDF or XLSX."""
    errors = {}
    if format not in ANNUAL_FORMATS:
        errors["format"] = _("The annual report comes as PDF or XLSX.")
    if not filters.programme:
        errors["programme"] = _("Choose the programme of the annual report.")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = _("Enter the year of the annual report, e.g. %(year)s.") % {
            "year": timezone.localdate().year - 1
        }
    if errors:
        raise ValidationError(errors)
    return year_filters(dataclasses.replace(filters, year=year), year)


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
    if kind == ReportKind.ANNUAL and not errors:
        try:
            cleaned = _annual_filters(cleaned, format=format, year=(filters or {}).get("year"))
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


def _write(report: ReportRequest, path: Path) -> dict:
    """Writes every row to `path`, reporting progress; the number of rows, to be stored."""
    if report.kind == ReportKind.ANNUAL:
        return _write_annual(report, path)
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
            REPORT_JOB.progress_set(row_id=report.pk, progress=progress)
            shown = progress
    writer.close()
    return {"row_count": written}


def _write_annual(report: ReportRequest, path: Path) -> dict:
    filters = ReportFilters.from_json(report.filters)
    sections = annual_sections(filters)
    title = _("Annual report %(year)s") % {"year": filters.year}
    now = timezone.localtime()
    about = [
        (_("Report"), title),
        (_("Generated"), f"{date_format(now, 'DATETIME_FORMAT')} {now:%Z}"),
        *filters_described(filters),
        (_("Notes"), ANNUAL_NOTE),
    ]
    if report.format == ReportFormat.PDF:
        annual_pdf_write(
            path, title=title, programme=programme_names(filters), about=about, sections=sections
        )
    else:
        annual_xlsx_write(path, about=about, sections=sections)
    return {"row_count": sum(len(section.rows) for section in sections)}


ANNUAL_NOTE = _(
    "Volunteers sent arrived in the field in the year; months served count their days in the "
    "field within the year; hours and people reached come from approved activity logs dated "
    "in the year; indicator results are measured to date; stories are lessons learned "
    "published for everyone in the year."
)


def _report_filename(report: ReportRequest) -> str:
    return f"{report.kind.replace('_', '-')}-{report.pk}.{report.format}"


@contextmanager
def _as_requester(report: ReportRequest):
    """The report is written in its requester's language and time zone."""
    person = report.requested_by
    with translation.override(person.preferred_language), timezone.override(person.time_zone):
        yield


def _report_ready_notify(report: ReportRequest) -> None:
    notification_send(
        recipients=[report.requested_by],
        kind=NotificationKind.REPORT,
        subject=_("Your report “%(report)s” is ready"),
        message=_("Download it within 30 days; it is deleted after that."),
        link=reverse("reports:report-download", args=[report.pk]),
        params={"report": report.get_kind_display()},
    )


def _report_failed_notify(report: ReportRequest) -> None:
    notification_send(
        recipients=[report.requested_by],
        kind=NotificationKind.REPORT,
        subject=_("Your report “%(report)s” could not be built"),
        message=_("Please request it again; if it fails again, tell the portal's administrators."),
        link=reverse("reports:report-detail", args=[report.pk]),
        params={"report": report.get_kind_display()},
    )


REPORT_JOB = FileJob(
    model=ReportRequest,
    noun="Report",
    logger=logger,
    owner="requested_by",
    partial_prefix="report",
    filename=_report_filename,
    write=_write,
    notify_done=_report_ready_notify,
    notify_failed=_report_failed_notify,
    context=_as_requester,
)


def report_build(*, report_id: int) -> ReportRequest | None:
    """Builds the report's file once; a finished or missing report is left alone.

    Transient failures (database, network) propagate so that the task is retried; any other
    failure marks the report failed, since trying again would fail the same way.
    """
    return REPORT_JOB.build(row_id=report_id)


def report_fail(*, report_id: int, error: BaseException | str) -> ReportRequest | None:
    """Marks an unfinished report failed with the error, and tells its requester once."""
    return REPORT_JOB.fail(row_id=report_id, error=error)


def report_expire_old(*, now: datetime.datetime | None = None) -> int:
    """Deletes the files of reports past their 30 days and marks them expired; how many.

    Requests that never finished within 30 days expire too, and partial files that stopped
    builds (of reports and of data exports) left behind are removed after a day.
    """
    now = now or timezone.now()
    expired = REPORT_JOB.expire_old(now=now)
    partial_files_remove(older_than=now - PARTIAL_MAX_AGE)
    return expired

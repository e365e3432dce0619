from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    PROGRAMME_SUMMARY = "programme_summary", _("Programme summary")
    PLACEMENTS = "placements", _("Placements")
    ACTIVITY = "activity", _("Activity")
    APPLICATIONS = "applications", _("Applications")
    ANNUAL = "annual", _("Programme annual report")


class ReportFormat(models.TextChoices):
    CSV = "csv", _("CSV (with HXL hashtags)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    PDF = "pdf", _("PDF")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


# The annual report is for people to read: no CSV.
ANNUAL_FORMATS = (ReportFormat.PDF, ReportFormat.XLSX)

# Reports still on their way: the page keeps refreshing while a report is in one of these.
PENDING_STATUSES = (ReportStatus.QUEUED, ReportStatus.RUNNING)
# Finished reports whose file (or error) is kept until it expires.
FINISHED_STATUSES = (ReportStatus.DONE, ReportStatus.FAILED)

CONTENT_TYPES = {
    ReportFormat.CSV: "text/csv; charset=utf-8",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.PDF: "application/pdf",
}

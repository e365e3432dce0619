"""A person's request for a report, and the private file a worker builds for it."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import CONTENT_TYPES, PENDING_STATUSES, ReportFormat, ReportKind, ReportStatus


def private_storage():
    return storages["private"]


def report_path(report, filename):
    """One fixed name per report, so a rebuilt report replaces its file instead of adding one."""
    return f"reports/{report.pk}/{filename}"


class ReportRequest(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="report_requests",
    )
    kind = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    filters = models.JSONField(
        _("filters"),
        default=dict,
        blank=True,
        help_text=_("The filters chosen, and the scope the requester may see, fixed on request."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=report_path, max_length=200, blank=True
    )
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_requester_idx"),
            models.Index(fields=["status", "expires_at"], name="report_expiry_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="reports_progress_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="reports_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=ReportFormat.values), name="reports_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="reports_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.DONE) | ~Q(file=""),
                name="reports_done_has_file",
            ),
        ]

    def __str__(self):
        return _("%(kind)s (%(format)s) #%(pk)s") % {
            "kind": self.get_kind_display(),
            "format": self.format.upper(),
            "pk": self.pk,
        }

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.DONE and bool(self.file)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def download_name(self) -> str:
        stamp = (self.finished_at or self.created_at).strftime("%Y-%m-%d")
        return f"{self.kind.replace('_', '-')}-{stamp}-{self.pk}.{self.format}"

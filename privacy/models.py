"""A person's own data: exports of everything the portal holds about them, and requests for
erasure, kept (without what was erased) once carried out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.enums import PENDING_STATUSES, ReportStatus
from reports.models import private_storage

from .enums import ErasureStatus

ZIP_CONTENT_TYPE = "application/zip"


def export_path(export, filename):
    """One fixed name per export, so a rebuilt export replaces its file instead of adding one."""
    return f"data-exports/{export.pk}/{filename}"


class DataExport(models.Model):
    """A person's request for their data, and the private ZIP a worker builds for it.

    Built, shown and expired like a report (same statuses, same 30 days).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="data_exports",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=export_path, max_length=200, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="export_user_idx"),
            models.Index(fields=["status", "expires_at"], name="export_expiry_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="privacy_progress_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="privacy_export_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.DONE) | ~Q(file=""),
                name="privacy_export_done_has_file",
            ),
        ]

    def __str__(self):
        return _("Data export #%(pk)s") % {"pk": self.pk}

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.DONE and bool(self.file)

    @property
    def download_name(self) -> str:
        stamp = (self.finished_at or self.created_at).strftime("%Y-%m-%d")
        return f"my-data-{stamp}-{self.pk}.zip"


class ErasureRequest(models.Model):
    """A person's request for erasure; once carried out, the record that it happened.

    It keeps who asked (the anonymised account's id), when, who carried it out and when —
    never what was erased. The reason is cleared when the request is carried out.
    """

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="erasure_requests",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("carried out by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ErasureStatus.values), name="privacy_erasure_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ErasureStatus.DONE) | Q(carried_out_at__isnull=False),
                name="privacy_erasure_done_has_time",
            ),
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(status=ErasureStatus.PENDING),
                name="privacy_erasure_one_pending",
            ),
        ]

    def __str__(self):
        return _("Erasure request #%(pk)s") % {"pk": self.pk}

    @property
    def is_pending(self) -> bool:
        return self.status == ErasureStatus.PENDING

"""The knowledge base: volunteer manuals, guidance, lessons learned, good practices."""

import posixpath
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from deployments.models import Placement, Programme, Project, SustainableDevelopmentGoal
from volunteers.enums import DocumentType
from volunteers.models import private_storage

from .enums import ResourceKind, ResourceStatus, Visibility


class Resource(models.Model):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    body = models.TextField(_("text"))
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="resources",
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal, verbose_name=_("SDGs"), related_name="resources", blank=True
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PROGRAMME
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ResourceStatus.choices, default=ResourceStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at", "-updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement"],
                condition=Q(kind=ResourceKind.LESSON_LEARNED, placement__isnull=False),
                name="knowledge_resource_one_lesson_per_placement",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="knowledge_resource_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values),
                name="knowledge_resource_visibility_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=ResourceStatus.DRAFT) | Q(published_at__isnull=False),
                name="knowledge_resource_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ResourceStatus.PUBLISHED


def attachment_path(attachment, filename) -> str:
    return f"knowledge/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class ResourceAttachment(models.Model):
    """A file attached to a resource (PDF, JPEG, PNG), private, served after a check."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_path, max_length=200
    )
    original_filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50, choices=DocumentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_filename

    @property
    def download_name(self) -> str:
        stem = posixpath.splitext(self.original_filename)[0] or "attachment"
        try:
            return f"{stem}{DocumentType(self.content_type).extension}"
        except ValueError:
            return stem

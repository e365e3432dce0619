from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation

from ..enums import ApplicationStatus, Recommendation
from .choices import choice_label
from .projects import Opportunity


class Application(models.Model):
    """A volunteer's application to one opportunity; one per volunteer and opportunity."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    motivation = models.TextField(_("motivation"), blank=True)
    answers = models.JSONField(
        _("answers"),
        default=dict,
        blank=True,
        help_text=_("The opportunity's questions, answered."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    get_status_display = choice_label(ApplicationStatus, "status")

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-status_changed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "opportunity"], name="deployments_application_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="deployments_application_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT)
                | Q(status=ApplicationStatus.WITHDRAWN)
                | Q(submitted_at__isnull=False),
                name="deployments_application_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=ApplicationStatus.REJECTED) | ~Q(rejection_reason=""),
                name="deployments_application_rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["opportunity", "status"], name="application_pipeline_idx")]

    def __str__(self):
        return _("%(volunteer)s for %(opportunity)s") % {
            "volunteer": self.volunteer,
            "opportunity": self.opportunity,
        }


class ApplicationEvent(models.Model):
    """One step of an application's history: who moved it, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class ApplicationRelease(models.Model):
    """An application opened to a partner organisation for review."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="releases")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="released_applications"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    released_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("release to a partner")
        verbose_name_plural = _("releases to partners")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="deployments_release_unique"
            )
        ]

    def __str__(self):
        return f"{self.application_id} → {self.organisation}"


class ReviewAssignment(models.Model):
    """A reviewer of a released organisation asked to review one application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="deployments_assignment_unique"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} ← {self.application_id}"


SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Review(models.Model):
    """A partner reviewer's assessment of a candidate, or their declared conflict of interest."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    skills_fit = models.PositiveSmallIntegerField(
        _("skills fit"), null=True, blank=True, validators=SCORE
    )
    language = models.PositiveSmallIntegerField(
        _("language"), null=True, blank=True, validators=SCORE
    )
    motivation = models.PositiveSmallIntegerField(
        _("motivation"), null=True, blank=True, validators=SCORE
    )
    intercultural_readiness = models.PositiveSmallIntegerField(
        _("intercultural readiness"), null=True, blank=True, validators=SCORE
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now=True)

    SCORE_FIELDS = ("skills_fit", "language", "motivation", "intercultural_readiness")

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="deployments_review_one_per_reviewer"
            ),
            # A review either scores every criterion 1–5 and recommends, or declares a conflict.
            models.CheckConstraint(
                condition=Q(
                    conflict_of_interest=True,
                    skills_fit__isnull=True,
                    language__isnull=True,
                    motivation__isnull=True,
                    intercultural_readiness__isnull=True,
                    recommendation="",
                )
                | Q(
                    conflict_of_interest=False,
                    skills_fit__gte=1,
                    skills_fit__lte=5,
                    language__gte=1,
                    language__lte=5,
                    motivation__gte=1,
                    motivation__lte=5,
                    intercultural_readiness__gte=1,
                    intercultural_readiness__lte=5,
                    recommendation__in=Recommendation.values,
                ),
                name="deployments_review_scored_or_conflicted",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} on {self.application_id}"

    @property
    def mean_score(self) -> float | None:
        if self.conflict_of_interest:
            return None
        return sum(getattr(self, name) for name in self.SCORE_FIELDS) / len(self.SCORE_FIELDS)

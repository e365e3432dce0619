from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from partners.models import Organisation
from volunteers.enums import LanguageLevel, language_choices, language_names
from volunteers.models import Skill

from ..enums import (
    AutomaticNote,
    IndicatorSource,
    OpportunityStatus,
    PartnerRole,
    PartnershipStatus,
    Priority,
    ProjectStatus,
)
from ..sdgs import sdg_label
from .coordinates import latitude_field, longitude_field


class SustainableDevelopmentGoal(models.Model):
    """The 17 UN goals, loaded by a data migration; the number is the key."""

    number = models.PositiveSmallIntegerField(
        primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_title = models.CharField(max_length=80)
    title = models.CharField(max_length=300)
    colour = models.CharField(max_length=7)

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17), name="deployments_sdg_number_range"
            )
        ]

    def __str__(self):
        return sdg_label(self)


class Programme(models.Model):
    """A sending programme: groups projects and is run by its coordinators."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    sending_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("sending organisation"),
        on_delete=models.PROTECT,
        related_name="sent_programmes",
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        related_name="coordinated_programmes",
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Reviewers see no name, photo, nationality, age or gender of candidates."),
    )
    partners_require_mfa = models.BooleanField(
        _("Partner members must use two-factor authentication"),
        default=False,
        help_text=_(
            "Members of the organisations taking part in this programme must turn on "
            "two-factor authentication, as coordinators must."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partnership(models.Model):
    """A programme working with an organisation, by the organisation's consent.

    A coordinator proposes; an admin of the organisation (or a platform administrator)
    accepts; either side ends it. Only an active partnership lets the programme name the
    organisation in its projects and agreements. Ended rows stay as the record; a new
    proposal makes a new row.
    """

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="programme_partnerships",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PROPOSED,
    )
    message = models.TextField(_("message"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["organisation__name", "-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=~Q(status=PartnershipStatus.ENDED),
                name="deployments_partnership_one_open",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PartnershipStatus.values),
                name="deployments_partnership_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=PartnershipStatus.ACTIVE) | Q(accepted_at__isnull=False),
                name="deployments_partnership_active_was_accepted",
            ),
            models.CheckConstraint(
                condition=~Q(status=PartnershipStatus.ENDED) | Q(ended_at__isnull=False),
                name="deployments_partnership_ended_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.programme} – {self.organisation} ({self.get_status_display()})"


class Project(models.Model):
    """A host-country project, owned by a host partner and run within a programme."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=200)
    host_country = CountryField(_("host country"))
    region = models.CharField(_("region or province"), max_length=120, blank=True)
    city = models.CharField(_("city or place"), max_length=120, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    host_partner = models.ForeignKey(
        Organisation,
        verbose_name=_("host partner"),
        on_delete=models.PROTECT,
        related_name="hosted_projects",
    )
    partners = models.ManyToManyField(
        Organisation, through="ProjectPartner", related_name="partner_projects", blank=True
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal, verbose_name=_("SDGs"), related_name="projects", blank=True
    )
    summary = models.TextField(_("summary"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="deployments_project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values),
                name="deployments_project_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="deployments_project_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="deployments_project_longitude_range",
            ),
        ]

    def __str__(self):
        return self.title


class ProjectPartner(models.Model):
    """Another organisation in a project, in an IATI participating-organisation role."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=1, choices=PartnerRole.choices)

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="deployments_projectpartner_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=PartnerRole.values), name="deployments_projectpartner_role"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class StatusChangeNote(models.Model):
    """A status change's note: a person's words, or one the portal wrote (as a code)."""

    note = models.TextField(blank=True)
    automatic_note = models.CharField(max_length=30, choices=AutomaticNote.choices, blank=True)
    note_params = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    @property
    def note_text(self) -> str:
        if not self.automatic_note:
            return self.note
        text = str(AutomaticNote(self.automatic_note).label)
        return text % self.note_params if self.note_params else text


class ProjectStatusChange(StatusChangeNote):
    """Who moved a project from one state to another, when and why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ProjectStatus.choices)
    to_status = models.CharField(max_length=20, choices=ProjectStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.project}: {self.from_status} → {self.to_status}"


class NeedsAssessment(models.Model):
    """The host community's needs, captured with the host partner, who signs it off."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="needs_assessment"
    )
    requested_by = models.ForeignKey(
        Organisation,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The host organisation that asked for volunteers."),
    )
    community_consulted = models.TextField(
        _("who in the community was consulted"),
    )
    needs_found = models.TextField(_("needs found"))
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    expected_beneficiaries = models.PositiveIntegerField(_("expected beneficiaries"))
    assessed_by = models.CharField(
        _("assessed by"), max_length=300, help_text=_("The people who carried out the assessment.")
    )
    assessed_on = models.DateField(_("assessed on"))
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_by__isnull=True, signed_off_at__isnull=True)
                | Q(signed_off_by__isnull=False, signed_off_at__isnull=False),
                name="deployments_needsassessment_signoff_complete",
            ),
        ]

    def __str__(self):
        return str(_("Needs assessment: %(project)s") % {"project": self.project})

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None


class Indicator(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    source = models.CharField(
        _("actual value from"),
        max_length=20,
        choices=IndicatorSource.choices,
        default=IndicatorSource.MANUAL,
        help_text=_("Approved activity logs of the project's placements, or measurements."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="deployments_indicator_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(baseline__gte=0, target__gte=0),
                name="deployments_indicator_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(source__in=IndicatorSource.values),
                name="deployments_indicator_source_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class Opportunity(models.Model):
    """A volunteer role in a project."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="opportunities"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills"), related_name="opportunities", blank=True
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    starts_on = models.DateField(_("starts on"))
    application_deadline = models.DateTimeField(_("application deadline"))
    questions = models.TextField(
        _("questions for applicants"), blank=True, help_text=_("One question per line.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["application_deadline", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1, seats__lte=100), name="deployments_opportunity_seats"
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1, duration_months__lte=24),
                name="deployments_opportunity_duration",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OpportunityStatus.values),
                name="deployments_opportunity_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=OpportunityStatus.DRAFT) | Q(published_at__isnull=False),
                name="deployments_opportunity_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class OpportunityLanguage(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=3, choices=language_choices)
    minimum_level = models.CharField(
        _("minimum level"), max_length=6, choices=LanguageLevel.choices
    )

    class Meta:
        verbose_name = _("required language")
        verbose_name_plural = _("required languages")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "language"], name="deployments_opportunitylanguage_unique"
            ),
            models.CheckConstraint(
                condition=Q(minimum_level__in=LanguageLevel.values),
                name="deployments_opportunitylanguage_level_valid",
            ),
        ]

    def __str__(self):
        return f"{language_names().get(self.language, self.language)} ≥ {self.minimum_level}"


class NeedsAssessmentEvent(models.Model):
    """What happened to a needs assessment: written, changed, signed off, sign-off cleared."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        SIGNED_OFF = "signed_off", _("Signed off")
        SIGN_OFF_CLEARED = "sign_off_cleared", _("Sign-off cleared by a change")

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("needs assessment event")
        verbose_name_plural = _("needs assessment events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["created", "edited", "signed_off", "sign_off_cleared"]),
                name="deployments_needsassessmentevent_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.assessment}: {self.get_kind_display()}"


class OpportunityStatusChange(StatusChangeNote):
    """Who moved an opportunity from one state to another, when and why."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=10, choices=OpportunityStatus.choices)
    to_status = models.CharField(max_length=10, choices=OpportunityStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opportunity status change")
        verbose_name_plural = _("opportunity status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.opportunity}: {self.from_status} → {self.to_status}"

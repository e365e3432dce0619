import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .enums import AgreementKind, AgreementStatus, MemberRole, OrganisationKind
from .validators import validate_iati_organisation_identifier


def private_storage():
    return storages["private"]


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        blank=True,
        validators=[validate_iati_organisation_identifier],
    )
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "country", name="partners_organisation_name_country_unique"
            ),
            models.UniqueConstraint(
                "iati_identifier",
                condition=~Q(iati_identifier=""),
                name="partners_organisation_iati_identifier_unique",
            ),
            models.CheckConstraint(
                condition=Q(is_verified=False) | Q(verified_at__isnull=False),
                name="partners_organisation_verified_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Membership(models.Model):
    """A person's roles in one organisation; at least one role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    is_admin = models.BooleanField(_("administrator"), default=False)
    is_reviewer = models.BooleanField(_("reviewer"), default=False)
    is_supervisor = models.BooleanField(_("supervisor"), default=False)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="partners_membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(is_admin=True) | Q(is_reviewer=True) | Q(is_supervisor=True),
                name="partners_membership_has_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation}"

    @property
    def roles(self) -> list[MemberRole]:
        flags = {
            MemberRole.ADMIN: self.is_admin,
            MemberRole.REVIEWER: self.is_reviewer,
            MemberRole.SUPERVISOR: self.is_supervisor,
        }
        return [role for role, held in flags.items() if held]


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An organisation admin's invitation, by email, to join with the given roles."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    is_admin = models.BooleanField(_("administrator"), default=False)
    is_reviewer = models.BooleanField(_("reviewer"), default=False)
    is_supervisor = models.BooleanField(_("supervisor"), default=False)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=Q(accepted_at__isnull=True),
                name="partners_invitation_one_open_per_email",
            ),
            models.CheckConstraint(
                condition=Q(is_admin=True) | Q(is_reviewer=True) | Q(is_supervisor=True),
                name="partners_invitation_has_role",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


def agreement_document_path(agreement, filename):
    return f"agreements/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename}"


class Agreement(models.Model):
    """A partnership agreement or MoU between two or more organisations."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("parties"), related_name="agreements"
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    document = models.FileField(
        _("signed document"),
        storage=private_storage,
        upload_to=agreement_document_path,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["ends_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="partners_agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values),
                name="partners_agreement_status_valid",
            ),
        ]

    def __str__(self):
        return self.title


class AgreementConfirmation(models.Model):
    """One party's confirmation, by one of its admins, that it signed the agreement.

    An agreement becomes active only once every party has confirmed; changing its terms
    or parties withdraws the confirmations given so far.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="confirmations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("party"), on_delete=models.CASCADE, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement confirmation")
        verbose_name_plural = _("agreement confirmations")
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="partners_agreementconfirmation_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} confirmed {self.agreement}"

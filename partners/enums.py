from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    UN_AGENCY = "un_agency", _("UN agency")
    INTERNATIONAL_NGO = "international_ngo", _("International NGO")
    NATIONAL_NGO = "national_ngo", _("National NGO")
    COMMUNITY_BASED = "community_based", _("Community-based organisation")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ACADEMIC = "academic", _("Academic")
    FOUNDATION = "foundation", _("Foundation")


# IATI OrganisationType codes, for exports.
IATI_ORGANISATION_TYPE = {
    OrganisationKind.GOVERNMENT: "10",
    OrganisationKind.UN_AGENCY: "40",
    OrganisationKind.INTERNATIONAL_NGO: "21",
    OrganisationKind.NATIONAL_NGO: "22",
    OrganisationKind.COMMUNITY_BASED: "24",
    OrganisationKind.PRIVATE_SECTOR: "70",
    OrganisationKind.ACADEMIC: "80",
    OrganisationKind.FOUNDATION: "60",
}


class MemberRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    REVIEWER = "reviewer", _("Reviewer")
    SUPERVISOR = "supervisor", _("Supervisor")


class AgreementKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership agreement")
    MOU = "mou", _("Memorandum of understanding")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")

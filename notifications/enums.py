from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    APPLICATION = "application", _("Applications")
    REVIEW = "review", _("Reviews")
    PARTNERSHIP = "partnership", _("Partners and agreements")
    PLACEMENT = "placement", _("Placements")
    REMINDER = "reminder", _("Reminders")
    DIGEST = "digest", _("Weekly programme digests")
    REPORT = "report", _("Reports")
    EMERGENCY = "emergency", _("Emergencies")


class Channel(models.TextChoices):
    BOTH = "both", _("In the portal and by email")
    IN_APP = "in_app", _("In the portal only")
    EMAIL = "email", _("By email only")
    NONE = "none", _("Not at all")


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("One email each")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")


# Kinds nobody may silence or delay: people's safety comes first.
UNMUTABLE_KINDS = frozenset({NotificationKind.EMERGENCY})

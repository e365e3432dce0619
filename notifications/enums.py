from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    APPLICATION = "application", _("Applications")
    REVIEW = "review", _("Reviews")
    PARTNERSHIP = "partnership", _("Partners and agreements")
    PLACEMENT = "placement", _("Placements")
    REMINDER = "reminder", _("Reminders")
    REPORT = "report", _("Reports")
    EMERGENCY = "emergency", _("Emergencies")

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Channel, EmailFrequency, NotificationKind


class Notification(models.Model):
    """A message to one person, in their language, linking to what it is about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    send_email = models.BooleanField(default=True)
    email_frequency = models.CharField(
        max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATE
    )
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values),
                name="notifications_notification_kind_valid",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one person wants one kind of notification; no row means both, one email each."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    channel = models.CharField(
        _("how"), max_length=10, choices=Channel.choices, default=Channel.BOTH
    )
    email_frequency = models.CharField(
        _("emails"), max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_preference_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=NotificationKind.EMERGENCY)
                | models.Q(channel=Channel.BOTH, email_frequency=EmailFrequency.IMMEDIATE),
                name="notifications_preference_emergencies_always_immediate",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} → {self.channel}/{self.email_frequency}"


class ReminderRecord(models.Model):
    """One reminder of one kind, about one thing, to one person, in one period: sent once.

    The unique constraint is what makes a sweep that runs twice, or two beat processes,
    send nothing twice.
    """

    kind = models.CharField(_("kind"), max_length=50)
    subject_key = models.CharField(_("about"), max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_records"
    )
    period_key = models.CharField(_("period"), max_length=30)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # The token of the bulk insert that wrote the record: reading the token back tells a
    # sweep which of its reminders are new, whatever a concurrent sweep wrote meanwhile.
    batch = models.UUIDField(_("batch"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("reminder record")
        verbose_name_plural = _("reminder records")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "recipient", "period_key"],
                name="notifications_reminder_once_per_period",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.subject_key} → {self.recipient} ({self.period_key})"

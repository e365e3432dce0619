from django.db.models import QuerySet

from .models import Notification, NotificationPreference

READ_FILTERS = ("unread", "read")


def notification_list(*, user, read: str | None = None) -> QuerySet[Notification]:
    """The person's notifications, newest first; `read` is "unread", "read" or None for all."""
    notifications = Notification.objects.filter(recipient=user)
    if read == "unread":
        notifications = notifications.filter(read_at__isnull=True)
    elif read == "read":
        notifications = notifications.filter(read_at__isnull=False)
    return notifications


def notification_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_awaiting_digest(*, user, frequency: str) -> QuerySet[Notification]:
    """Notifications batched for the person's `frequency` digest and not yet emailed."""
    return Notification.objects.filter(
        recipient=user, send_email=True, emailed_at__isnull=True, email_frequency=frequency
    ).order_by("created_at", "pk")


def preference_choices(*, user) -> dict[str, tuple[str, str]]:
    """The person's stored (channel, email frequency) per kind; kinds not listed use both,
    one email each."""
    return {
        kind: (channel, frequency)
        for kind, channel, frequency in NotificationPreference.objects.filter(
            user=user
        ).values_list("kind", "channel", "email_frequency")
    }

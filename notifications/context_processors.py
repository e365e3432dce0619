from .selectors import notification_unread_count


def unread_notifications(request):
    """Counted once a request, however many templates it renders with it (a page and the
    listing inside it, say)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "unread_notifications"):
        request.unread_notifications = notification_unread_count(user=user)
    return {"unread_notifications": request.unread_notifications}

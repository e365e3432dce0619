import zoneinfo

from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Shows a signed-in person the portal in their own language and time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
            zone = user.time_zone
            timezone.activate(zone if isinstance(zone, zoneinfo.ZoneInfo) else "UTC")
        else:
            timezone.deactivate()
        return self.get_response(request)

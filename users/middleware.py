import zoneinfo

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
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


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY on every response, static files included.

    Sits right after SecurityMiddleware, outside WhiteNoise, so that nothing answers without it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class PrivateResponsesMiddleware:
    """Nothing shown to a signed-in person is kept by a browser or proxy cache.

    Every such page may show personal data (names, check-ins, documents), and field offices
    share computers; a view that chose its own Cache-Control (never_cache, say) keeps it.
    Public pages for anonymous visitors stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response


class TextGZipMiddleware(GZipMiddleware):
    """Compresses pages and other text (volunteers in the field pay for every byte), never
    photos, PDFs or spreadsheets, which are compressed already.

    BREACH: Django masks the CSRF token anew in every response and adds random bytes to each
    gzip header (GZipMiddleware.max_random_bytes), so the compressed length does not reveal a
    secret. Sits below WhiteNoise, which serves static files compressed ahead of time."""

    COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)

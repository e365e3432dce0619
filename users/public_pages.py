"""Public listings, the same for every anonymous visitor, kept for a short time."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe


def public_listing(request, template_name: str, context: Callable[[], dict]) -> SafeString:
    """`template_name` rendered with `context()`, from the cache for anonymous visitors.

    Only the listing is kept (filters, rows, pages), per address, language and time zone,
    for settings.PUBLIC_LISTING_CACHE_SECONDS; the page around it (navigation, messages,
    the CSRF token) is rendered for each request, and signed-in people, who may see more than
    the public, always get a fresh listing. A new or changed opportunity shows within that
    time without any invalidation to keep in step with every place that writes."""
    if request.user.is_authenticated or not settings.PUBLIC_LISTING_CACHE_SECONDS:
        return render_to_string(template_name, context(), request)
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = ":".join(
        (
            "public-listing",
            template_name,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            address,
        )
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string(template_name, context(), request)
        cache.set(key, html, settings.PUBLIC_LISTING_CACHE_SECONDS)
    # Rendered (and escaped) by our own template; a cache may give back a plain str.
    return mark_safe(html)

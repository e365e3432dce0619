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


def public_fragments(request, template_name: str, rows, *, name: str) -> None:
    """Sets `row.fragment`: `template_name` rendered with `name`=row, the same for every
    viewer, kept per row (and its `updated_at`), language and time zone for
    settings.PUBLIC_LISTING_CACHE_SECONDS.

    For the parts of a signed-in person's listing that show only public facts (an
    opportunity's card, without how it fits that person): they took most of the page's
    rendering. An edit of the row itself shows at once; one of what it shows from elsewhere
    (its project, skills, languages) within that time."""
    rows = list(rows)
    if not settings.PUBLIC_LISTING_CACHE_SECONDS:
        for row in rows:
            row.fragment = render_to_string(template_name, {name: row}, request)
        return
    place = (template_name, translation.get_language(), timezone.get_current_timezone_name())
    keys = {
        row.pk: ":".join(("public-fragment", *place, str(row.pk), row.updated_at.isoformat()))
        for row in rows
    }
    kept = cache.get_many(keys.values())
    fresh = {}
    for row in rows:
        html = kept.get(keys[row.pk])
        if html is None:
            html = fresh[keys[row.pk]] = render_to_string(template_name, {name: row}, request)
        # Rendered (and escaped) by our own template; a cache may give back a plain str.
        row.fragment = mark_safe(html)
    if fresh:
        cache.set_many(fresh, settings.PUBLIC_LISTING_CACHE_SECONDS)

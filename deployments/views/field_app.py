"""The volunteer's pages as an installable, offline-first web app: its manifest, its service
worker (served from the site's root, so that its scope covers every page) and the page it
shows for a page that was never opened online. The pages themselves, and the outbox of logs
and check-ins written offline, are static/js/field-app.js and static/js/field-outbox.js."""

import functools
import hashlib
import json
import os

from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..templatetags.field_app import field_app_api_urls

# What every cached page needs, precached when the worker installs.
SHELL_STATIC_FILES = [
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/htmx/htmx.min.js",
    "vendor/idb/umd.js",
    "css/portal.css",
    "js/portal.js",
    "js/geolocation.js",
    "js/field-outbox.js",
    "js/field-app.js",
    "favicon.svg",
    "icons/field-app-192.png",
]
OFFLINE_TEMPLATE = "deployments/field_app/offline.html"
ICONS = [
    ("icons/field-app-192.png", "192x192", "any"),
    ("icons/field-app-512.png", "512x512", "any"),
    ("icons/field-app-maskable-512.png", "512x512", "maskable"),
]


def _file_revision(path: str) -> str:
    """The content hash of a static file: with hashed names (production) it repeats what the
    URL says; without them (development) it is what tells the worker a file changed. The
    browser asks for the worker on every page it controls, so each file is hashed once per
    version (its modification time), not on every request."""
    found = finders.find(path)
    return _content_hash(found, os.stat(found).st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _content_hash(found: str, modified: int) -> str:
    with open(found, "rb") as file:
        return hashlib.md5(file.read(), usedforsecurity=False).hexdigest()


@require_GET
def field_app_manifest(request):
    return JsonResponse(
        {
            "name": _("Volunteer Portal"),
            "short_name": _("Field app"),
            "description": _("Your placement, activity logs and check-ins, also offline."),
            "lang": get_language(),
            "start_url": reverse("dashboard"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b3d6b",
            "icons": [
                {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                for path, sizes, purpose in ICONS
            ],
        },
        content_type="application/manifest+json",
    )


@require_GET
@never_cache
def field_app_service_worker(request):
    """The worker script. It changes (and the browser installs it again) when a precached
    file, the offline page or the language changes; never cached, so that change is seen."""
    offline_page = render_to_string(OFFLINE_TEMPLATE, request=request)
    precache = [
        {"url": static(path), "revision": _file_revision(path)} for path in SHELL_STATIC_FILES
    ]
    precache.append(
        {
            "url": reverse("deployments:field-app-offline"),
            "revision": hashlib.md5(offline_page.encode(), usedforsecurity=False).hexdigest(),
        }
    )
    response = render(
        request,
        "deployments/field_app/sw.js",
        {
            "precache": json.dumps(precache),
            "api_urls": json.dumps(field_app_api_urls()),
            "offline_url": json.dumps(reverse("deployments:field-app-offline")),
            "workbox_sw_url": json.dumps(static("vendor/workbox/workbox-sw.js")),
            # workbox-sw loads its modules by their plain names from this folder.
            "workbox_folder": json.dumps(static("vendor/workbox/workbox-sw.js").rsplit("/", 1)[0]),
            "idb_url": json.dumps(static("vendor/idb/umd.js")),
            "outbox_url": json.dumps(static("js/field-outbox.js")),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def field_app_offline(request):
    """What the worker shows for a page that was never opened online (precached)."""
    return render(request, OFFLINE_TEMPLATE)

"""Production settings, served over plain HTTP on this machine for `make bench`.

Only what the benchmark cannot do without differs from production: no redirect to HTTPS
and cookies that travel over HTTP (the clients talk to gunicorn directly), and a URLconf
with one extra bare view to compare every page with.
"""

from volunteer_portal.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ROOT_URLCONF = "tests.bench.urls"

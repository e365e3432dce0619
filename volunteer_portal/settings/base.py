"""Settings shared by every environment, read from the environment with django-environ.

Each value has a safe development default; `production.py` removes the unsafe ones.
"""

import logging
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

logger = logging.getLogger("volunteer_portal.settings")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "django_countries",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "auditlog",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "volunteer_portal",  # configuration, and the `healthcheck` command
    "users",
    "audit",
    "notifications",
    "partners",
    "volunteers",
    "deployments",
    "knowledge",
    "reports",
    "privacy",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "users.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what every middleware below has written (users/middleware.py).
    "users.middleware.TextGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.middleware.RequestIdMiddleware",
    "audit.middleware.AuditMiddleware",
    "users.middleware.PrivateResponsesMiddleware",
    "users.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "deployments.middleware.RequireTwoFactorForStaffMiddleware",
]

ROOT_URLCONF = "volunteer_portal.urls"
WSGI_APPLICATION = "volunteer_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "deployments.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: DATABASE_URL, or an embedded SQLite file for development.
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    if urlsplit(DATABASE_URL).scheme not in environ.Env.DB_SCHEMES:
        raise ValueError("unknown scheme")
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL this portal understands ({error}). Use e.g. "
        "postgres://user:password@host:5432/name or sqlite:////absolute/path/db.sqlite3."
    ) from None
# Persistent connections: without them PostgreSQL pages are about twelve times slower.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# The embedded SQLite of the quick start, made to bear concurrent writers (14 of 37 requests
# at once failed with "database is locked" without this): a transaction takes the write lock
# when it begins rather than failing to upgrade a read lock later; a writer waits up to 20 s
# for another; readers do not block the writer (WAL). Options in DATABASE_URL win.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth 65.x
ACCOUNT_ADAPTER = "users.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "users.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# Failed sign-ins count per address and per account. The address limit is the looser one:
# a field office or university behind one NAT address must not lock all its people out,
# while the account limit stops guessing one password from many addresses.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# The address rate limits count is the client's, not the reverse proxy's: behind N proxies
# that append to X-Forwarded-For, the N-th address from the right. 0 ignores the header,
# which is right when nothing sits in front (else anyone could claim any address).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Changing an email address, the password or two-factor authentication, and downloading
# another person's documents, ask for the password again unless it was confirmed in this
# session within the last REAUTHENTICATION_TIMEOUT seconds: a session left open on a shared
# computer must not be enough.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("REAUTHENTICATION_TIMEOUT", default=300)
MFA_REAUTHENTICATION_REQUIRED = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Volunteer Portal")
# Coordinators and administrators must use two-factor authentication on a live instance.
REQUIRE_MFA_FOR_STAFF = env.bool("REQUIRE_MFA_FOR_STAFF", default=not DEBUG)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Internationalisation: every time is stored in UTC and shown in the user's own zone.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("ne", _("Nepali")),
    ("my", _("Burmese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
# One unambiguous date format per language, and Burmese and Nepali formats (Django ships
# none); see users/formats/.
FORMAT_MODULE_PATH = ["users.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded files are private: they are never served from a public URL, only through views
# that check who asks.
PRIVATE_STORAGE_ROOT = MEDIA_ROOT / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "volunteer_portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# With a bucket named, private files go to an S3-compatible store (AWS, MinIO, Ceph, …) that
# every web and worker machine shares; credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or the machine's role), which boto3 reads itself.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "volunteer_portal.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "location": env.str("AWS_PRIVATE_LOCATION", default="private"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # MinIO and most self-hosted stores want path-style addresses.
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        },
    }
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
# Uploaded photos with more pixels are refused from their header, before decoding: a small
# PNG can declare 13000×13000 pixels and take 1.5 GB to decode.
UPLOAD_IMAGE_MAX_PIXELS = env.int("UPLOAD_IMAGE_MAX_PIXELS", default=40_000_000)

# Email: console in development; smtp://user:password@host:587 (or smtp+tls://…) elsewhere.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Volunteer Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Redis is the cache and the Celery broker; without it tasks run in-process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public listings (opportunities, projects, partners) for anonymous visitors are kept this
# many seconds per address and language (users/public_pages.py); 0 turns this off.
PUBLIC_LISTING_CACHE_SECONDS = env.int("PUBLIC_LISTING_CACHE_SECONDS", default=60)

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Content Security Policy: nothing from a third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The field app's service worker (/sw.js) and its manifest, both from this origin.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features no page uses are switched off; check-ins and activity logs ask for the
# position (static/js/geolocation.js), so geolocation stays allowed for this origin.
PERMISSIONS_POLICY = env.str(
    "PERMISSIONS_POLICY",
    default="camera=(), microphone=(), geolocation=(self), payment=(), usb=()",
)

# Coordinators see the profile and documents of a person whose application to their
# programme was rejected, withdrawn or declined for this many days after it closed.
APPLICANT_DATA_ACCESS_DAYS = env.int("APPLICANT_DATA_ACCESS_DAYS", default=90)

# Personal data (privacy/): the version of the privacy policy a person consents to, kept with
# every consent record, and how long the daily purge keeps what is no longer needed.
PRIVACY_POLICY_VERSION = env.str("PRIVACY_POLICY_VERSION", default="1")
# Documents of people whose applications all closed this many days ago, with no placement.
RETENTION_CLOSED_APPLICATION_DOCUMENTS_DAYS = env.int(
    "RETENTION_CLOSED_APPLICATION_DOCUMENTS_DAYS", default=APPLICANT_DATA_ACCESS_DAYS
)
# Documents (passport, visa, insurance …) this many days past their expiry date.
RETENTION_EXPIRED_DOCUMENTS_DAYS = env.int("RETENTION_EXPIRED_DOCUMENTS_DAYS", default=180)
# Notifications read this many days ago.
RETENTION_READ_NOTIFICATIONS_DAYS = env.int("RETENTION_READ_NOTIFICATIONS_DAYS", default=180)

# Every absolute link in emails and PDFs starts here (required in production).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-pass-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}


# The REST API (api/) ---------------------------------------------------------------------------
# Personal tokens first: an unauthenticated request then answers 401 with WWW-Authenticate.
# Session authentication serves the portal's own pages and checks the CSRF token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiRateThrottle"],
    # Counted in the cache (Redis when REDIS_URL is set): per token, per signed-in account,
    # per address for visitors.
    "DEFAULT_THROTTLE_RATES": {
        "token": env.str("API_RATE_TOKEN", default="2000/hour"),
        "user": env.str("API_RATE_USER", default="2000/hour"),
        "anon": env.str("API_RATE_ANON", default="300/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Volunteer Portal API",
    "DESCRIPTION": (
        "Projects, opportunities and organisations for everyone; placements, field work, "
        "applications and reviews for their people. Authenticate with a personal API token "
        "(`Authorization: Token <key>`, made under Me → API tokens) or the portal's session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActivityLogStatusEnum": "deployments.enums.ActivityLogStatus",
        "ApplicationStatusEnum": "deployments.enums.ApplicationStatus",
        "CheckInStatusEnum": "deployments.enums.CheckInStatus",
        "OpportunityStatusEnum": "deployments.enums.OpportunityStatus",
        "PlacementStatusEnum": "deployments.enums.PlacementStatus",
        "ProjectStatusEnum": "deployments.enums.ProjectStatus",
    },
    # Swagger UI from our own static files (drf-spectacular-sidecar), never from a CDN, and
    # without its badge that asks an outside validator about the schema.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}


# Audit history (django-auditlog; see audit/) -------------------------------------------------
# Entries carry the request's id (audit.middleware sets request.id and X-Request-ID) as their
# correlation id. Each app registers its own models in its audit.py.
AUDITLOG_CID_GETTER = "audit.middleware.current_request_id"
AUDITLOG_DISABLE_REMOTE_ADDR = False

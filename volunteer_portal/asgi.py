import os
import sys

from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

from .celery import announce_task_mode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volunteer_portal.settings.production")

try:
    application = get_asgi_application()
except ImproperlyConfigured as error:
    sys.exit(f"Configuration error: {error}")

announce_task_mode()

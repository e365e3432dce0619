"""`/healthz`: the state of the database and the broker, for load balancers and monitors."""

import logging
from functools import cache
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database does not answer")
        return "down"
    return "ok"


@cache
def _redis_broker(url: str) -> redis.Redis:
    """One client (and connection pool) per process, kept between checks: a new connection
    for each check (a Redis handshake, and kombu and redis-py reading package metadata) was
    most of the time of /healthz."""
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # no broker configured: tasks run in-process
    url = settings.CELERY_BROKER_URL
    try:
        if urlsplit(url).scheme in {"redis", "rediss"}:
            _redis_broker(url).ping()
        else:
            with Connection(url, connect_timeout=2) as broker:
                broker.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.exception("Health check: the broker does not answer")
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": database_state(), "broker": broker_state()}
    healthy = all(state != "down" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )

"""Each request gets an id; audit entries carry it with the actor and the client's address."""

import uuid
from contextvars import ContextVar

from allauth.account.adapter import get_adapter
from auditlog.middleware import AuditlogMiddleware
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

_request_id: ContextVar[str | None] = ContextVar("portal_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being served (settings.AUDITLOG_CID_GETTER), None outside one."""
    return _request_id.get()


class RequestIdMiddleware:
    """Sets `request.id` (a new UUID, never the client's claim) and answers it as X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4().hex
        token = _request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response.headers["X-Request-ID"] = request.id
        return response


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, with the client's address as the sign-in rate limits see it:
    X-Forwarded-For is only believed as far as TRUSTED_PROXY_COUNT says."""

    @staticmethod
    def _get_remote_addr(request):
        try:
            return get_adapter(request).get_client_ip(request)
        except (ImproperlyConfigured, PermissionDenied):  # no address, or proxies miscounted
            return None

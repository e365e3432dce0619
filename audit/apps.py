from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit history: who changed or read what, when and from where (django-auditlog).

    Each app registers its own models in its `audit.py`; this app holds what they share: the
    request id, the access helper, the history selector and the administrators' audit log.
    """

    name = "audit"
    verbose_name = _("Audit history")

    def ready(self):
        from . import rules  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeploymentsConfig(AppConfig):
    name = "deployments"
    verbose_name = _("Deployments")

    def ready(self):
        # The permission rules, including the ones widening partners', exist from start-up.
        from . import audit, rules  # noqa: F401  (the audited models too)

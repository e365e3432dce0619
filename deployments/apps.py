from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeploymentsConfig(AppConfig):
    name = "deployments"
    verbose_name = _("Deployments")

    def ready(self):
        # The permission rules, including the ones widening partners', exist from start-up;
        # the receivers warn about volunteers' documents; the audited models are registered.
        from . import audit, receivers, rules  # noqa: F401

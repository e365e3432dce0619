from django import template
from django.urls import reverse

from ..selectors import history_perm

register = template.Library()


@register.inclusion_tag("audit/includes/history_link.html", takes_context=True)
def history_link(context, obj):
    """A link to `obj`'s History page (`<app>:<model>-history`), for whoever may see it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    url = None
    if user is not None and user.has_perm(history_perm(obj), obj):
        meta = obj._meta
        url = reverse(f"{meta.app_label}:{meta.model_name}-history", args=[obj.pk])
    return {"url": url}

"""The API asks `rules` the same permission names the pages ask, against the object."""

from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    """Each view names the permission to see an object (`view_permission`: without it the
    object is not found, 404, as on the pages), and per action the permission for the view
    as a whole (`permission_required`) and the one against the object
    (`object_permission_required`, else 403). An action it does not name needs nothing more
    than its queryset, which comes from selectors scoped to the viewer."""

    def has_permission(self, request, view):
        perm = getattr(view, "permission_required", {}).get(getattr(view, "action", None))
        return perm is None or request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj):
        visible = getattr(view, "view_permission", None)
        if visible and not request.user.has_perm(visible, obj):
            raise NotFound
        perm = getattr(view, "object_permission_required", {}).get(getattr(view, "action", None))
        return perm is None or request.user.has_perm(perm, obj)

"""The API asks `rules` the same permission names the pages ask, against the object."""

from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    """Each view names, per action, the permission for the view as a whole
    (`permission_required`) and the one against the object (`object_permission_required`);
    an action it does not name needs nothing more than its scoped queryset. Objects come from
    selectors scoped to the viewer, so another tenant's object is not found (404) before any
    of this is asked."""

    def has_permission(self, request, view):
        perm = getattr(view, "permission_required", {}).get(view.action)
        return perm is None or request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj):
        perm = getattr(view, "object_permission_required", {}).get(view.action)
        return perm is None or request.user.has_perm(perm, obj)

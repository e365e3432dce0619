"""Each object's History page, and the administrators' searchable audit log with its CSV."""

import csv
import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .forms import AuditLogFilterForm


def history_view(model, *, view_perm: str, detail_url: str):
    """A History page for `model`: 404 for whoever may not see the object, 403 for whoever
    sees it but may not change it (its app's `view_<model>_history` rule)."""

    @login_required
    def view(request, pk):
        obj = get_object_or_404(model, pk=pk)
        if not request.user.has_perm(view_perm, obj):
            raise Http404
        if not request.user.has_perm(selectors.history_perm(obj), obj):
            raise PermissionDenied
        page = selectors.history_for(obj, request.user, page_number=request.GET.get("page"))
        return render(
            request,
            "audit/history.html",
            {"object": obj, "page_obj": page, "back_url": reverse(detail_url, args=[obj.pk])},
        )

    view.__name__ = f"{model._meta.model_name}_history"
    return view


def _administrator(request) -> None:
    if not request.user.has_perm("audit.view_auditlog"):
        raise PermissionDenied


@login_required
def auditlog_list(request):
    _administrator(request)
    form = AuditLogFilterForm(request.GET or None)
    entries = selectors.auditlog_list(**form.filters())
    page = selectors.auditlog_page(entries, page_number=request.GET.get("page"))
    return render(request, "audit/auditlog_list.html", {"form": form, "page_obj": page})


class _Echo:
    def write(self, value):
        return value


def _csv_rows(entries):
    yield [
        _("When (UTC)"),
        _("Person"),
        _("Email"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Changes"),
        _("IP address"),
        _("Request id"),
    ]
    actions = dict(entries.model.Action.choices)
    for entry in entries.iterator(chunk_size=500):
        yield [
            entry.timestamp.astimezone(datetime.UTC).isoformat(),
            entry.actor.name if entry.actor else "",
            entry.actor.email if entry.actor else (entry.actor_email or ""),
            actions.get(entry.action, entry.action),
            f"{entry.content_type.app_label}.{entry.content_type.model}",
            entry.object_pk,
            entry.object_repr,
            "; ".join(f"{c.field}: {c.before} → {c.after}" for c in selectors.entry_changes(entry)),
            entry.remote_addr or "",
            entry.cid or "",
        ]


@login_required
def auditlog_csv(request):
    """The filtered rows as CSV, streamed."""
    _administrator(request)
    form = AuditLogFilterForm(request.GET or None)
    entries = selectors.auditlog_list(**form.filters())
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _csv_rows(entries)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    response["Cache-Control"] = "private, no-store"
    return response

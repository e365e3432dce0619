"""A person's own data: download it, ask for its erasure; coordinators carry erasure out."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from volunteers.selectors import consent_record_list

from . import selectors, services


def _own_export(request, pk):
    """The export, or 404 to anyone but the person whose data it holds.

    Asked of the rules directly: `user.has_perm` grants superusers everything, and a
    person's export is not the administrators' to read.
    """
    export = selectors.data_export_get(pk=pk)
    if not rules.has_perm("privacy.view_dataexport", request.user, export):
        raise Http404
    return export


@login_required
@require_http_methods(["GET", "POST"])
def privacy_overview(request):
    if request.method == "POST":
        export = services.data_export_request(user=request.user)
        messages.success(
            request, _("Your data is being gathered; you will be notified when it is ready.")
        )
        return redirect("privacy:export-detail", pk=export.pk)
    return render(
        request,
        "privacy/overview.html",
        {
            "exports": selectors.data_export_list(user=request.user)[:10],
            "consents": consent_record_list(user=request.user),
        },
    )


@login_required
@require_GET
def export_detail(request, pk):
    return render(request, "privacy/export_detail.html", {"export": _own_export(request, pk)})


@login_required
@require_GET
def export_status(request, pk):
    """The progress fragment the detail page polls with htmx while the export is built."""
    export = _own_export(request, pk)
    return render(request, "privacy/includes/export_status.html", {"export": export})


@login_required
@require_GET
def export_download(request, pk):
    export = _own_export(request, pk)
    if not rules.has_perm("privacy.download_dataexport", request.user, export):
        raise Http404
    if not export.is_ready:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=export.download_name, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

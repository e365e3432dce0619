"""A person's own data: download it, ask for its erasure; coordinators carry erasure out."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from deployments.views.common import paginate, require_perm
from reports.views import private_file_response
from volunteers.selectors import consent_record_list

from . import selectors, services
from .forms import ErasureConfirmForm, ErasureRequestForm
from .models import ZIP_CONTENT_TYPE


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
            "pending_erasure": selectors.erasure_request_pending(user=request.user),
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
    return private_file_response(
        export.file, filename=export.download_name, content_type=ZIP_CONTENT_TYPE
    )


@login_required
@require_http_methods(["GET", "POST"])
def erasure_request_create(request):
    """Step one: the reason; step two: confirm. A pending request is shown instead."""
    pending = selectors.erasure_request_pending(user=request.user)
    form = ErasureRequestForm(request.POST or None)
    confirm_form = ErasureConfirmForm(request.POST if "confirm_step" in request.POST else None)
    template = "privacy/erasure_request.html"
    if pending is None and request.method == "POST" and form.is_valid():
        if "confirm_step" not in request.POST:
            template = "privacy/erasure_request_confirm.html"
        elif confirm_form.is_valid():
            services.erasure_request_create(user=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _(
                    "Your request for erasure was sent. A coordinator or an administrator "
                    "will carry it out."
                ),
            )
            return redirect("privacy:overview")
        else:
            template = "privacy/erasure_request_confirm.html"
    return render(
        request,
        template,
        {
            "form": form,
            "confirm_form": confirm_form,
            "pending": pending,
            "blockers": selectors.erasure_blockers(user=request.user),
        },
    )


@login_required
@require_GET
def erasure_request_list(request):
    require_perm(request, "privacy.list_erasurerequests")
    page = paginate(request, selectors.erasure_request_list(viewer=request.user))
    return render(
        request,
        "privacy/erasure_list.html",
        {"erasure_requests": page.object_list, "page_obj": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def erasure_request_detail(request, pk):
    erasure_request = selectors.erasure_request_get(pk=pk)
    if not request.user.has_perm("privacy.view_erasurerequest", erasure_request):
        raise Http404
    # Asked of the rules directly: `user.has_perm` lets a superuser through every rule, and
    # nobody carries out their own erasure.
    can_carry_out = rules.has_perm("privacy.carry_out_erasure", request.user, erasure_request)
    form = ErasureConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_carry_out:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.erasure_carry_out(erasure_request_id=erasure_request.pk, by=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The person's data was erased."))
            return redirect("privacy:erasure-detail", pk=erasure_request.pk)
        status = 400
    blockers = (
        selectors.erasure_blockers(user=erasure_request.subject)
        if erasure_request.is_pending
        else []
    )
    return render(
        request,
        "privacy/erasure_detail.html",
        {
            "erasure_request": erasure_request,
            "form": form,
            "blockers": blockers,
            "can_carry_out": can_carry_out,
        },
        status=status,
    )

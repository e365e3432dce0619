"""Reports: request one, watch it being built, download it when it is ready."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit.services import access_record
from deployments.views.common import add_service_errors

from . import selectors, services
from .forms import ReportRequestForm

PAGE_SIZE = 20
PRESETTABLE = ("kind", "format", "programme", "year")


def _visible_report(request, pk):
    """The report, or 404 to anyone but its requester and the administrators."""
    report = selectors.report_request_get(pk=pk)
    if not request.user.has_perm("reports.view_reportrequest", report):
        raise Http404
    return report


def private_file_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A built file as a private download that is never cached nor sniffed; 404 if it is gone.

    Whether the person may download it is for the caller to check first.
    """
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request):
    can_request = request.user.has_perm("reports.request_report")
    form = None
    if can_request:
        # A link may preset the choices (the programme page's "Annual report"); the form
        # offers only what the person may choose whatever the link says.
        initial = {key: request.GET[key] for key in PRESETTABLE if key in request.GET}
        form = ReportRequestForm(request.POST or None, viewer=request.user, initial=initial)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_request_create(
                requested_by=request.user,
                kind=form.cleaned_data["kind"],
                format=form.cleaned_data["format"],
                filters=form.filters(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your report is on its way; you will be notified when it is ready.")
            )
            return redirect("reports:report-detail", pk=report.pk)
    page = Paginator(selectors.report_request_list(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/report_list.html",
        {"page_obj": page, "form": form, "can_request": can_request},
        status=status,
    )


@login_required
@require_GET
def report_detail(request, pk):
    report = _visible_report(request, pk)
    return render(request, "reports/report_detail.html", {"report": report})


@login_required
@require_GET
def report_status(request, pk):
    """The progress fragment the detail page polls with htmx while the report is built."""
    report = _visible_report(request, pk)
    return render(request, "reports/includes/report_status.html", {"report": report})


@login_required
@require_GET
def report_download(request, pk):
    report = _visible_report(request, pk)
    if not request.user.has_perm("reports.download_reportrequest", report) or not report.is_ready:
        raise Http404
    response = private_file_response(
        report.file, filename=report.download_name, content_type=report.content_type
    )
    access_record(instance=report, actor=request.user, what="download")
    return response

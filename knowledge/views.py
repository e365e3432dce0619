"""The knowledge base: a list and pages for each viewer's audience, coordinators' editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PublishForm, ResourceCreateForm, ResourceFilterForm, ResourceForm
from .models import ResourceAttachment


def _visible(request, pk):
    resource = selectors.resource_get(pk=pk)
    if not request.user.has_perm("knowledge.view_resource", resource):
        raise Http404
    return resource


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def resource_list(request):
    filters = ResourceFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    resources = selectors.resource_list(
        viewer=request.user,
        kind=criteria.get("kind", ""),
        country=criteria.get("country", ""),
        q=criteria.get("q", ""),
    )
    return render(
        request,
        "knowledge/resource_list.html",
        {
            "filters": filters,
            "page_obj": Paginator(resources, 20).get_page(request.GET.get("page")),
            "can_add": request.user.has_perm("knowledge.add_resource"),
        },
    )


def resource_detail(request, pk):
    resource = _visible(request, pk)
    return render(
        request,
        "knowledge/resource_detail.html",
        {
            "resource": resource,
            "can_change": request.user.has_perm("knowledge.change_resource", resource),
        },
    )


@login_required
def resource_create(request):
    if not request.user.has_perm("knowledge.add_resource"):
        raise PermissionDenied
    programmes = selectors.programme_choices_for(viewer=request.user)
    form = ResourceCreateForm(request.POST or None, request.FILES or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(
                by=request.user, programme=form.cleaned_data["programme"], **form.service_fields()
            )
            if form.cleaned_data["attachment"]:
                services.resource_attach(
                    resource=resource, by=request.user, file=form.cleaned_data["attachment"]
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("knowledge:resource-detail", resource.pk)
    return render(request, "knowledge/resource_form.html", {"form": form, "resource": None})


@login_required
def resource_update(request, pk):
    resource = _visible(request, pk)
    if not request.user.has_perm("knowledge.change_resource", resource):
        raise PermissionDenied
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        instance=resource,
        programme=resource.programme,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(
                resource=resource,
                by=request.user,
                attachment=form.cleaned_data["attachment"],
                **form.service_fields(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The resource was saved."))
            return redirect("knowledge:resource-detail", resource.pk)
    return render(request, "knowledge/resource_form.html", {"form": form, "resource": resource})


@login_required
@require_POST
def resource_publish(request, pk):
    resource = _visible(request, pk)
    if not request.user.has_perm("knowledge.publish_resource", resource):
        raise PermissionDenied
    form = PublishForm(request.POST)
    unpublishing = form.is_valid() and form.cleaned_data["action"] == "unpublish"
    try:
        if unpublishing:
            services.resource_unpublish(resource=resource, by=request.user)
            messages.success(request, _("The resource is a draft again."))
        else:
            services.resource_publish(resource=resource, by=request.user)
            messages.success(request, _("The resource is published."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("knowledge:resource-detail", pk)


def attachment_download(request, pk):
    attachment = get_object_or_404(ResourceAttachment.objects.select_related("resource"), pk=pk)
    if not request.user.has_perm("knowledge.view_resource", attachment.resource):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.download_name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = get_object_or_404(ResourceAttachment.objects.select_related("resource"), pk=pk)
    resource = attachment.resource
    if not request.user.has_perm("knowledge.view_resource", resource):
        raise Http404
    if not request.user.has_perm("knowledge.change_resource", resource):
        raise PermissionDenied
    try:
        services.resource_attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.download_name})
    return redirect("knowledge:resource-detail", resource.pk)

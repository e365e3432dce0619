"""Programmes: their coordinators' list, each programme's page and its settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import ProgrammeForm
from ..iati import IatiExportRefused, iati_activities_xml
from .common import paginate, require_perm, require_visible


@login_required
def programme_list(request):
    require_perm(request, "deployments.list_programmes")
    programmes = [
        programme
        for programme in selectors.programme_list(viewer=request.user)
        if request.user.has_perm("deployments.view_programme", programme)
    ]
    return render(
        request,
        "deployments/programme_list.html",
        {"page_obj": paginate(request, programmes)},
    )


@login_required
def programme_detail(request, pk):
    programme = selectors.programme_get(pk=pk)
    require_visible(request, "deployments.view_programme", programme)
    return render(
        request,
        "deployments/programme_detail.html",
        {
            "programme": programme,
            "can_change": request.user.has_perm("deployments.change_programme", programme),
            "can_add_project": request.user.has_perm("deployments.add_project", programme),
            "can_propose": request.user.has_perm("deployments.propose_partnership", programme),
            "can_export_iati": request.user.has_perm(
                "deployments.export_programme_iati", programme
            ),
        },
    )


@login_required
def programme_update(request, pk):
    programme = selectors.programme_for_update_get(pk=pk)
    require_visible(request, "deployments.view_programme", programme)
    require_perm(request, "deployments.change_programme", programme)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        services.programme_update(
            programme=programme,
            by=request.user,
            description=form.cleaned_data["description"],
            blind_review=form.cleaned_data["blind_review"],
            partners_require_mfa=form.cleaned_data["partners_require_mfa"],
        )
        messages.success(request, _("The programme was saved."))
        return redirect("deployments:programme-detail", pk=programme.pk)
    return render(
        request, "deployments/programme_form.html", {"form": form, "programme": programme}
    )


@login_required
def programme_iati(request, pk):
    """The programme's published projects as IATI 2.03 activity XML, to download; a
    programme that cannot be published goes back to its page with the reason."""
    programme = selectors.iati_programme_get(pk=pk)
    require_visible(request, "deployments.export_programme_iati", programme)
    try:
        document = iati_activities_xml(programmes=[programme])
    except IatiExportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("deployments:programme-detail", pk=programme.pk)
    response = HttpResponse(document, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iati-programme-{programme.pk}.xml"'
    return response

"""A project's needs assessment: written with the host partner, signed off by it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import NeedsAssessmentForm
from ..models import NeedsAssessment, Project
from .common import add_service_errors, message_service_error, require_perm, require_visible


def _project(request, pk) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("programme", "host_partner").prefetch_related(
            "partnerships"
        ),
        pk=pk,
    )
    require_visible(request, "deployments.view_project", project)
    return project


@login_required
def needs_assessment_edit(request, pk):
    project = _project(request, pk)
    require_perm(request, "deployments.edit_needs_assessment", project)
    assessment = NeedsAssessment.objects.filter(project=project).first()
    form = NeedsAssessmentForm(
        request.POST or None,
        instance=assessment or NeedsAssessment(project=project),
        project=project,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.needs_assessment_save(
                project=project, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if assessment is not None and assessment.is_signed_off:
                messages.warning(
                    request,
                    _(
                        "The needs assessment was saved. Because it changed, the host "
                        "partner's sign-off was cleared: it needs signing off again."
                    ),
                )
            else:
                messages.success(request, _("The needs assessment was saved."))
            return redirect("deployments:project-detail", pk=project.pk)
    return render(
        request,
        "deployments/needs_assessment_form.html",
        {
            "form": form,
            "project": project,
            "assessment": assessment,
            "locked": project.status in services.ASSESSMENT_LOCKED_STATUSES,
        },
    )


@login_required
@require_POST
def needs_assessment_sign_off(request, pk):
    project = _project(request, pk)
    require_perm(request, "deployments.sign_off_needs_assessment", project)
    try:
        services.needs_assessment_sign_off(project=project, by=request.user)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(
            request,
            _("You signed off the needs assessment on behalf of %(organisation)s.")
            % {"organisation": project.host_partner},
        )
    return redirect("deployments:project-detail", pk=project.pk)

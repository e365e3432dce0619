"""Applying, the coordinators' pipeline, partner review, offers and their answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from audit.services import access_record
from volunteers.selectors import profile_completeness

from .. import selectors, services
from ..enums import Actor, ApplicationStatus
from ..forms import (
    ApplicationForm,
    BulkActionForm,
    ConflictForm,
    PipelineFilterForm,
    RejectForm,
    ReleaseForm,
    ReviewForm,
    SubmitActionForm,
    TransitionNoteForm,
)
from ..models import Application
from ..roles import Role, roles_of
from ..rules import is_applicant
from ..transitions import application_targets
from .common import (
    add_service_errors,
    message_form_errors,
    message_service_error,
    paginate,
    require_visible,
)

AS = ApplicationStatus
# Coordinator moves that need a form of their own rather than a plain button.
MOVES_WITH_FORMS = {AS.PARTNER_REVIEW, AS.REJECTED}


@login_required
def application_apply(request, pk):
    """The volunteer's draft for an opportunity: save it, or submit it."""
    opportunity = selectors.opportunity_get(pk=pk)
    require_visible(request, "deployments.view_opportunity", opportunity)
    application = Application.objects.filter(
        volunteer=request.user, opportunity=opportunity
    ).first()
    if application is not None and application.status != AS.DRAFT:
        return redirect("deployments:application-detail", application.pk)
    if not request.user.has_perm("deployments.apply_to_opportunity", opportunity):
        messages.error(request, _("This opportunity is not open for applications."))
        return redirect("deployments:opportunity-detail", opportunity.pk)
    form = ApplicationForm(request.POST or None, opportunity=opportunity, application=application)
    if request.method == "POST" and form.is_valid():
        action = SubmitActionForm(request.POST)
        submitting = action.is_valid() and action.cleaned_data["action"] == "submit"
        try:
            with transaction.atomic():
                application = services.application_save_draft(
                    volunteer=request.user,
                    opportunity=opportunity,
                    motivation=form.cleaned_data["motivation"],
                    answers=form.answers(),
                )
                if submitting:
                    services.application_transition(
                        application=application, to_status=AS.SUBMITTED, by=request.user
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if submitting:
                messages.success(request, _("Your application was submitted."))
                return redirect("deployments:application-detail", application.pk)
            messages.success(request, _("Your draft was saved."))
            return redirect("deployments:application-apply", opportunity.pk)
    return render(
        request,
        "deployments/application_form.html",
        {
            "form": form,
            "opportunity": opportunity,
            "application": application,
            "completeness": profile_completeness(user=request.user),
        },
    )


@login_required
def application_list(request):
    """Each role's working list: own applications, pipelines, or candidates to review."""
    roles = roles_of(request.user)
    context = {"applications": selectors.application_list_for_volunteer(volunteer=request.user)}
    # A large programme has a thousand opportunities and candidates: each list is paged on
    # its own, as one person may both coordinate and review.
    if Role.COORDINATOR in roles or Role.ADMINISTRATOR in roles:
        context["pipelines"] = paginate(
            request,
            selectors.opportunity_pipeline_list(viewer=request.user),
            param="pipeline_page",
        )
    if Role.PARTNER_MEMBER in roles:
        context["review_queue"] = paginate(
            request, selectors.review_queue(reviewer=request.user), param="review_page"
        )
    return render(request, "deployments/application_list.html", context)


def _coordinator_actions(application: Application) -> list[tuple[str, str]]:
    return [
        (target, label)
        for target, label in application_targets(application.status, Actor.COORDINATOR)
        if target not in MOVES_WITH_FORMS
    ]


@login_required
def application_detail(request, pk):
    application = selectors.application_get(pk=pk)
    require_visible(request, "deployments.view_application", application)
    user = request.user
    can_manage = user.has_perm("deployments.manage_application", application)
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "profile": getattr(application.volunteer, "volunteer_profile", None),
        "sees_identity": user.has_perm("deployments.see_candidate_identity", application),
        "is_applicant": is_applicant(user, application),
        "can_manage": can_manage,
        "can_review": user.has_perm("deployments.review_application", application),
        "volunteer_actions": application_targets(application.status, Actor.VOLUNTEER)
        if is_applicant(user, application)
        else [],
    }
    if context["profile"] is not None and not context["is_applicant"]:
        # Someone else's profile is a read that matters.
        access_record(instance=context["profile"], actor=user, what="profile")
    if can_manage:
        targets = dict(application_targets(application.status, Actor.COORDINATOR))
        context.update(
            coordinator_actions=_coordinator_actions(application),
            can_release=application.status in (AS.SCREENING, AS.PARTNER_REVIEW),
            can_reject=AS.REJECTED in targets,
            release_form=ReleaseForm(application=application),
            reject_form=RejectForm(),
            reviews=list(application.reviews.all()),
        )
    return render(request, "deployments/application_detail.html", context)


@login_required
@require_POST
def application_transition(request, pk):
    """One move of the application by the volunteer or a coordinator, from a button."""
    application = get_object_or_404(Application, pk=pk)
    require_visible(request, "deployments.view_application", application)
    form = TransitionNoteForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("deployments:application-detail", pk)
    to_status, note = form.cleaned_data["to"], form.cleaned_data["note"]
    if to_status == AS.REJECTED:
        form = RejectForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason for the rejection."))
            return redirect("deployments:application-detail", pk)
        note = form.cleaned_data["reason"]
    try:
        services.application_transition(
            application=application, to_status=to_status, by=request.user, note=note
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(
            request,
            _("The application is now: %(status)s.") % {"status": AS(to_status).label},
        )
    return redirect("deployments:application-detail", pk)


@login_required
@require_POST
def application_release(request, pk):
    application = selectors.application_get(pk=pk)
    require_visible(request, "deployments.view_application", application)
    if not request.user.has_perm("deployments.manage_application", application):
        messages.error(request, _("Only a coordinator of this programme can do this."))
        return redirect("deployments:application-detail", pk)
    form = ReleaseForm(request.POST, application=application)
    if form.is_valid():
        try:
            services.application_release(
                application=application,
                organisations=form.cleaned_data["organisations"],
                reviewers=form.cleaned_data["reviewers"],
                by=request.user,
            )
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, _("The application was released for partner review."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("deployments:application-detail", pk)


@login_required
def opportunity_pipeline(request, pk):
    """An opportunity's applicants by state, best reviewed first, with bulk actions."""
    opportunity = selectors.opportunity_for_pipeline(pk=pk)
    require_visible(request, "deployments.change_opportunity", opportunity)
    bulk = BulkActionForm(request.POST or None, opportunity=opportunity)
    if request.method == "POST" and bulk.is_valid():
        done, refused = services.application_bulk_transition(
            applications=bulk.cleaned_data["applications"],
            to_status=bulk.cleaned_data["action"],
            by=request.user,
            note=bulk.cleaned_data["reason"],
        )
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d application moved to “%(status)s”.",
                    "%(count)d applications moved to “%(status)s”.",
                    len(done),
                )
                % {"count": len(done), "status": AS(bulk.cleaned_data["action"]).label},
            )
        for application, reason in refused:
            messages.error(
                request,
                _("%(volunteer)s: %(reason)s")
                % {"volunteer": application.volunteer, "reason": reason},
            )
        return redirect(request.get_full_path())
    counts = selectors.application_status_counts(opportunity=opportunity)
    filters = PipelineFilterForm(request.GET or None)
    status, q = "", ""
    if filters.is_valid():
        status, q = filters.cleaned_data["status"], filters.cleaned_data["q"]
    return render(
        request,
        "deployments/opportunity_pipeline.html",
        {
            "opportunity": opportunity,
            "filters": filters,
            "bulk": bulk,
            "counts": counts,
            "status_tabs": [(status, AS(status).label, count) for status, count in counts.items()],
            "page_obj": paginate(
                request, selectors.application_pipeline(opportunity=opportunity, status=status, q=q)
            ),
            "blind": opportunity.project.programme.blind_review,
        },
    )


@login_required
def review_edit(request, pk):
    """The reviewer scores the candidate, or declares a conflict of interest."""
    application = selectors.application_get(pk=pk)
    require_visible(request, "deployments.view_application", application)
    if not request.user.has_perm("deployments.review_application", application):
        messages.error(request, _("This candidate is not waiting for your review."))
        return redirect("deployments:application-list")
    review = selectors.review_for(application=application, reviewer=request.user)
    form = ReviewForm(request.POST or None, instance=review)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(
                application=application, reviewer=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your review was saved. Thank you."))
            return redirect("deployments:application-list")
    return render(
        request,
        "deployments/review_form.html",
        {
            "application": application,
            "opportunity": application.opportunity,
            "profile": getattr(application.volunteer, "volunteer_profile", None),
            "sees_identity": request.user.has_perm(
                "deployments.see_candidate_identity", application
            ),
            "form": form,
            "conflict_form": ConflictForm(),
        },
    )


@login_required
@require_POST
def review_conflict(request, pk):
    application = selectors.application_get(pk=pk)
    require_visible(request, "deployments.view_application", application)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.review_declare_conflict(
                application=application, reviewer=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(
                request,
                _("Thank you for declaring the conflict; you no longer review this candidate."),
            )
    return redirect("deployments:application-list")

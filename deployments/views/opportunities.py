"""Opportunities: the public listing, each opportunity's page, their making and states."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from users.public_pages import public_fragments, public_listing

from .. import selectors, services
from ..forms import (
    OpportunityFilterForm,
    OpportunityForm,
    OpportunityLanguageFormSet,
    OpportunityTransitionForm,
    formset_rows,
)
from ..models import Application, Opportunity, Project
from ..rules import can_apply
from ..transitions import OPPORTUNITY_TRANSITIONS, allowed_targets
from ..validators import duration_months_warning
from .common import (
    add_service_errors,
    message_service_error,
    paginate,
    require_perm,
    require_visible,
)


def opportunity_list(request):
    """Open opportunities, filtered by the GET parameters q, country, sdg, skill, language
    and duration ("1-6", "7-12" or "13-24" months). An invalid value is reported on the
    form and ignored. A volunteer with a profile sees each one's fit, and `sort=fit` puts
    the best fit first. Anonymous visitors get the listing from a short-lived cache."""
    return render(
        request,
        "deployments/opportunity_list.html",
        {
            "listing": public_listing(
                request,
                "deployments/includes/opportunity_listing.html",
                lambda: _opportunity_listing(request),
            )
        },
    )


def _opportunity_listing(request) -> dict:
    form = OpportunityFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    opportunities = selectors.opportunity_list(**form.selector_filters())
    profile = selectors.matching_profile_get(user=request.user)
    sort_by_fit = profile is not None and request.GET.get("sort") == "fit"
    if sort_by_fit:
        # The ranking only orders the page: its rows load without the score (each one's fit
        # is worked out below).
        page = paginate(
            request,
            selectors.opportunity_ids_by_fit(
                opportunities, profile=profile, filters=form.selector_filters()
            ),
        )
        loaded = selectors.opportunity_list().in_bulk(page.object_list)
        page.object_list = [loaded[pk] for pk in page.object_list if pk in loaded]
    else:
        page = paginate(request, opportunities)
    if profile is not None:
        for opportunity in page:
            opportunity.fit = selectors.opportunity_fit(opportunity=opportunity, profile=profile)
    public_fragments(
        request, "deployments/includes/opportunity_card.html", page, name="opportunity"
    )
    return {
        "form": form,
        "page_obj": page,
        "can_sort_by_fit": profile is not None,
        "sort_by_fit": sort_by_fit,
    }


def opportunity_detail(request, pk):
    opportunity = selectors.opportunity_get(pk=pk)
    require_visible(request, "deployments.view_opportunity", opportunity)
    can_change = request.user.has_perm("deployments.change_opportunity", opportunity)
    context = {
        "opportunity": opportunity,
        "project": opportunity.project,
        "can_change": can_change,
        "is_open": can_apply(request.user, opportunity),
    }
    if request.user.is_authenticated:
        context["my_application"] = Application.objects.filter(
            volunteer=request.user, opportunity=opportunity
        ).first()
        profile = selectors.matching_profile_get(user=request.user)
        if profile is not None:
            context["fit"] = selectors.opportunity_fit(opportunity=opportunity, profile=profile)
    if can_change:
        context["actions"] = allowed_targets(OPPORTUNITY_TRANSITIONS, opportunity.status)
        context["status_changes"] = selectors.opportunity_status_change_list(
            opportunity=opportunity
        )
    return render(request, "deployments/opportunity_detail.html", context)


def _save_relations(form, formset) -> dict:
    return {
        "skills": form.cleaned_data["skills"],
        "new_skills": form.cleaned_data["new_skills"],
        "languages": formset_rows(formset, "language", "minimum_level"),
    }


@login_required
def opportunity_create(request, pk):
    project = get_object_or_404(Project.objects.select_related("programme", "host_partner"), pk=pk)
    require_visible(request, "deployments.view_project", project)
    require_perm(request, "deployments.add_opportunity", project)
    form = OpportunityForm(request.POST or None, instance=Opportunity(project=project))
    formset = OpportunityLanguageFormSet(
        request.POST or None, instance=Opportunity(), prefix="languages"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            opportunity = services.opportunity_create(
                project=project,
                by=request.user,
                **_save_relations(form, formset),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The opportunity was saved as a draft. Publish it when ready.")
            )
            _warn_about_duration(request, opportunity)
            return redirect("deployments:opportunity-detail", pk=opportunity.pk)
    return render(
        request,
        "deployments/opportunity_form.html",
        {
            "form": form,
            "formset": formset,
            "project": project,
            "opportunity": None,
            "duration_warning": duration_months_warning(form.instance.duration_months),
        },
    )


@login_required
def opportunity_update(request, pk):
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("project", "project__programme"), pk=pk
    )
    require_visible(request, "deployments.view_opportunity", opportunity)
    require_perm(request, "deployments.change_opportunity", opportunity)
    form = OpportunityForm(request.POST or None, instance=opportunity)
    formset = OpportunityLanguageFormSet(
        request.POST or None, instance=opportunity, prefix="languages"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.opportunity_update(
                opportunity=opportunity,
                by=request.user,
                **_save_relations(form, formset),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opportunity was saved."))
            _warn_about_duration(request, opportunity)
            return redirect("deployments:opportunity-detail", pk=opportunity.pk)
    return render(
        request,
        "deployments/opportunity_form.html",
        {
            "form": form,
            "formset": formset,
            "project": opportunity.project,
            "opportunity": opportunity,
            "duration_warning": duration_months_warning(form.instance.duration_months),
        },
    )


def _warn_about_duration(request, opportunity) -> None:
    warning = duration_months_warning(opportunity.duration_months)
    if warning:
        messages.warning(request, warning)


@login_required
@require_POST
def opportunity_transition(request, pk):
    opportunity = get_object_or_404(
        Opportunity.objects.select_related("project", "project__programme"), pk=pk
    )
    require_visible(request, "deployments.view_opportunity", opportunity)
    require_perm(request, "deployments.change_opportunity", opportunity)
    form = OpportunityTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered actions."))
        return redirect("deployments:opportunity-detail", pk=opportunity.pk)
    before = opportunity.status
    try:
        services.opportunity_transition(
            opportunity=opportunity,
            to_status=form.cleaned_data["to"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        status = opportunity.get_status_display().lower()
        if opportunity.status == before:
            messages.info(
                request, _("The opportunity was already %(status)s.") % {"status": status}
            )
        else:
            messages.success(request, _("The opportunity is now %(status)s.") % {"status": status})
    return redirect("deployments:opportunity-detail", pk=opportunity.pk)

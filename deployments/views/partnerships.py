"""Partnerships: coordinators propose them and register new organisations for their
programmes; organisation admins accept or decline; either side ends them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.forms import OrganisationForm

from .. import selectors, services
from ..forms import PartnershipEndForm, PartnershipProposeForm
from .common import (
    add_service_errors,
    message_service_error,
    paginate,
    require_perm,
    require_visible,
)


@login_required
def partnership_list(request):
    """The partnerships of the viewer's programmes and organisations, proposals first."""
    partnerships = selectors.partnership_list(viewer=request.user)
    page = paginate(request, partnerships)
    user = request.user
    for partnership in page.object_list:
        partnership.can_accept = user.has_perm("deployments.accept_partnership", partnership)
        partnership.can_end = user.has_perm("deployments.end_partnership", partnership)
    return render(
        request,
        "deployments/partnership_list.html",
        {"page_obj": page, "end_form": PartnershipEndForm()},
    )


def _visible_programme(request, pk, perm):
    programme = selectors.programme_for_update_get(pk=pk)
    require_visible(request, "deployments.view_programme", programme)
    require_perm(request, perm, programme)
    return programme


@login_required
def partnership_propose(request, pk):
    programme = _visible_programme(request, pk, "deployments.propose_partnership")
    form = PartnershipProposeForm(
        request.POST or None,
        organisations=selectors.partnership_proposal_choices(programme=programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_propose(
                programme=programme,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "A partnership was proposed to %(organisation)s. It takes effect when an "
                    "administrator of the organisation accepts it."
                )
                % {"organisation": partnership.organisation},
            )
            return redirect("deployments:programme-detail", pk=programme.pk)
    return render(
        request, "deployments/partnership_form.html", {"form": form, "programme": programme}
    )


@login_required
def programme_organisation_register(request, pk):
    """Registers an organisation new to the portal as a partner of the programme."""
    programme = _visible_programme(request, pk, "deployments.register_organisation")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.programme_organisation_register(
                programme=programme, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(organisation)s was registered as a partner of %(programme)s. Invite its "
                    "first administrator from its members page; from then on they keep its "
                    "profile and members."
                )
                % {"organisation": organisation, "programme": programme},
            )
            return redirect("partners:member-list", pk=organisation.pk)
    return render(
        request,
        "deployments/programme_organisation_form.html",
        {"form": form, "programme": programme},
    )


def _partnership(request, pk, perm):
    partnership = selectors.partnership_get(pk=pk)
    if partnership is None or not request.user.has_perm(
        "deployments.view_partnership", partnership
    ):
        raise Http404
    require_perm(request, perm, partnership)
    return partnership


@login_required
@require_POST
def partnership_accept(request, pk):
    partnership = _partnership(request, pk, "deployments.accept_partnership")
    try:
        accepted = services.partnership_accept(partnership=partnership, by=request.user)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        if accepted:
            messages.success(
                request,
                _("%(organisation)s now works with %(programme)s.")
                % {"organisation": partnership.organisation, "programme": partnership.programme},
            )
        else:
            messages.info(request, _("This partnership was already active."))
    return redirect("deployments:partnership-list")


@login_required
@require_POST
def partnership_end(request, pk):
    partnership = _partnership(request, pk, "deployments.end_partnership")
    form = PartnershipEndForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("deployments:partnership-list")
    try:
        ended = services.partnership_end(
            partnership=partnership, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        if ended:
            messages.success(request, _("The partnership has ended."))
        else:
            messages.info(request, _("This partnership had already ended."))
    return redirect("deployments:partnership-list")

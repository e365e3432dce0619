"""Partner directory, members and agreements: parse, check permission, call a service, render.

An object the viewer may not see is a 404; one they may see but not change is a 403.
"""

import posixpath

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.services import access_record
from audit.views import history_view
from users.public_pages import public_listing

from . import selectors, services
from .enums import AgreementStatus
from .forms import (
    AgreementConfirmForm,
    AgreementForm,
    AgreementTransitionForm,
    InvitationForm,
    MemberRolesForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from .models import Agreement, Membership, Organisation

PAGE_SIZE = 25
MAX_EXPIRING_DAYS = 3650
DEFAULT_EXPIRING_DAYS = 60


def _visible_organisation(request, pk) -> Organisation:
    organisation = selectors.organisation_get(pk=pk)
    if organisation is None or not request.user.has_perm(
        "partners.view_organisation", organisation
    ):
        raise Http404(_("No such organisation."))
    return organisation


def _require(request, perm, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _visible_agreement(request, pk):
    agreement = selectors.agreement_get(pk=pk)
    if agreement is None or not request.user.has_perm("partners.view_agreement", agreement):
        raise Http404(_("No such agreement."))
    return agreement


def _posted(request):
    """The submitted data on POST (even if empty, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Organisations ---------------------------------------------------------------------------


def organisation_list(request):
    """The directory; anonymous visitors get the listing from a short-lived cache."""
    return render(
        request,
        "partners/organisation_list.html",
        {
            "listing": public_listing(
                request,
                "partners/includes/organisation_listing.html",
                lambda: _organisation_listing(request),
            )
        },
    )


def _organisation_listing(request) -> dict:
    filter_form = OrganisationFilterForm(request.GET or None)
    organisations = selectors.organisation_list(viewer=request.user, filters=filter_form.filters())
    return {
        "filter_form": filter_form,
        "page": Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_add": request.user.has_perm("partners.add_organisation"),
    }


def organisation_detail(request, pk):
    organisation = _visible_organisation(request, pk)
    user = request.user
    can_manage_members = user.has_perm("partners.manage_members", organisation)
    context = {
        "organisation": organisation,
        "can_change": user.has_perm("partners.change_organisation", organisation),
        "can_verify": user.has_perm("partners.verify_organisation", organisation),
        "can_manage_members": can_manage_members,
        "memberships": (
            selectors.membership_list(organisation=organisation) if can_manage_members else None
        ),
        "agreements": (
            selectors.agreement_list(viewer=user, organisation=organisation)
            if user.is_authenticated
            else []
        ),
    }
    return render(request, "partners/organisation_detail.html", context)


@login_required
def organisation_create(request):
    if not request.user.has_perm("partners.add_organisation"):
        raise PermissionDenied
    form = OrganisationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                created_by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation was registered."))
            return redirect("partners:organisation-detail", pk=organisation.pk)
    return render(request, "partners/organisation_form.html", {"form": form})


@login_required
def organisation_update(request, pk):
    organisation = _visible_organisation(request, pk)
    _require(request, "partners.change_organisation", organisation)
    form = OrganisationForm(_posted(request), instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation's profile was saved."))
            return redirect("partners:organisation-detail", pk=organisation.pk)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def organisation_verify(request, pk):
    organisation = _visible_organisation(request, pk)
    _require(request, "partners.verify_organisation", organisation)
    if services.organisation_verify(organisation=organisation, verified_by=request.user):
        messages.success(request, _("The organisation is now verified."))
    else:
        messages.info(request, _("The organisation was already verified."))
    return redirect("partners:organisation-detail", pk=organisation.pk)


# Members and invitations -----------------------------------------------------------------


def _managed_organisation(request, pk) -> Organisation:
    organisation = _visible_organisation(request, pk)
    _require(request, "partners.manage_members", organisation)
    return organisation


@login_required
def member_list(request, pk):
    """The organisation's members and open invitations; POST invites someone."""
    organisation = _managed_organisation(request, pk)
    form = InvitationForm(_posted(request), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.member_invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                roles=form.cleaned_data["roles"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("partners:member-list", pk=organisation.pk)
    return render(
        request,
        "partners/member_list.html",
        {
            "organisation": organisation,
            "memberships": selectors.membership_list(organisation=organisation),
            "invitations": selectors.invitation_open_list(organisation=organisation),
            "form": form,
        },
    )


@login_required
def member_update(request, pk, membership_pk):
    organisation = _managed_organisation(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organisation=organisation
    )
    form = MemberRolesForm.for_membership(membership, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update_roles(membership=membership, roles=form.cleaned_data["roles"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The roles of %(person)s were saved.") % {"person": membership.user}
            )
            return redirect("partners:member-list", pk=organisation.pk)
    return render(
        request,
        "partners/member_form.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


@login_required
@require_POST
def member_remove(request, pk, membership_pk):
    organisation = _managed_organisation(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, organisation=organisation
    )
    try:
        services.member_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("%(person)s is no longer a member.") % {"person": membership.user},
        )
    return redirect("partners:member-list", pk=organisation.pk)


def invitation_accept(request, token):
    invitation = selectors.invitation_get(token=token)
    if invitation is None:
        raise Http404(_("No such invitation."))
    context = {"invitation": invitation, "organisation": invitation.organisation}
    if not request.user.is_authenticated:
        if not invitation.is_open:
            context["refusal"] = services.invitation_refusal(invitation=invitation, user=None)
            return render(request, "partners/invitation_accept.html", context)
        if get_user_model().objects.filter(email__iexact=invitation.email).exists():
            return redirect_to_login(request.get_full_path())
        next_query = urlencode({"next": request.get_full_path()})
        context["needs_account"] = True
        context["signup_url"] = f"{reverse('account_signup')}?{next_query}"
        context["login_url"] = f"{reverse('account_login')}?{next_query}"
        return render(request, "partners/invitation_accept.html", context)

    refusal = services.invitation_refusal(invitation=invitation, user=request.user)
    if request.method == "POST" and refusal is None:
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            refusal = _error_text(error)
        else:
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation},
            )
            return redirect("partners:organisation-detail", pk=invitation.organisation_id)
    context["refusal"] = refusal
    return render(request, "partners/invitation_accept.html", context)


# Agreements ------------------------------------------------------------------------------


def _expiring_days(value) -> int | None:
    try:
        days = int(value)
    except (TypeError, ValueError):
        return None
    return days if 0 < days <= MAX_EXPIRING_DAYS else None


@login_required
def agreement_list(request):
    expiring = _expiring_days(request.GET.get("expiring"))
    agreements = selectors.agreement_list(viewer=request.user, expiring_within_days=expiring)
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/agreement_list.html",
        {
            "page": page,
            "expiring": expiring,
            "default_expiring": DEFAULT_EXPIRING_DAYS,
            "can_add": request.user.has_perm("partners.add_agreement"),
        },
    )


@login_required
def agreement_create(request):
    if not request.user.has_perm("partners.add_agreement"):
        raise PermissionDenied
    form = AgreementForm(
        _posted(request),
        _files(request),
        organisations=selectors.agreement_party_choices(viewer=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(created_by=request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement was recorded as a draft."))
            return redirect("partners:agreement-detail", pk=agreement.pk)
    return render(request, "partners/agreement_form.html", {"form": form})


@login_required
def agreement_detail(request, pk):
    agreement = _visible_agreement(request, pk)
    can_change = request.user.has_perm("partners.change_agreement", agreement)
    unconfirmed = services.agreement_unconfirmed_parties(agreement=agreement)
    return render(
        request,
        "partners/agreement_detail.html",
        {
            "agreement": agreement,
            "can_change": can_change,
            "unconfirmed": unconfirmed,
            "confirmable": [
                org
                for org in unconfirmed
                if agreement.status == AgreementStatus.DRAFT
                and rules.has_perm("partners.confirm_agreement_for", request.user, org)
            ],
            "transitions": (
                services.agreement_manual_transitions(agreement.status) if can_change else []
            ),
            "document_name": _document_name(agreement),
        },
    )


@login_required
def agreement_update(request, pk):
    agreement = _visible_agreement(request, pk)
    _require(request, "partners.change_agreement", agreement)
    form = AgreementForm(
        _posted(request),
        _files(request),
        instance=agreement,
        organisations=selectors.agreement_party_choices(viewer=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(agreement=agreement, by=request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("partners:agreement-detail", pk=agreement.pk)
    return render(request, "partners/agreement_form.html", {"form": form, "agreement": agreement})


@login_required
@require_POST
def agreement_transition(request, pk):
    agreement = _visible_agreement(request, pk)
    _require(request, "partners.change_agreement", agreement)
    form = AgreementTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered actions."))
        return redirect("partners:agreement-detail", pk=agreement.pk)
    try:
        changed = services.agreement_transition(
            agreement=agreement, to_status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if changed:
            messages.success(request, _("The agreement's status was changed."))
        else:
            messages.info(request, _("The agreement already had that status."))
    return redirect("partners:agreement-detail", pk=agreement.pk)


@login_required
@require_POST
def agreement_confirm(request, pk):
    """A party's admin confirms, for their organisation, that it signed the agreement."""
    agreement = _visible_agreement(request, pk)
    _require(request, "partners.confirm_agreement", agreement)
    form = AgreementConfirmForm(request.POST, agreement=agreement)
    if not form.is_valid():
        messages.error(request, _("Choose one of the agreement's parties."))
        return redirect("partners:agreement-detail", pk=agreement.pk)
    organisation = form.cleaned_data["organisation"]
    try:
        confirmed = services.agreement_confirm(
            agreement=agreement, organisation=organisation, by=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if confirmed:
            messages.success(
                request,
                _("You confirmed the agreement for %(organisation)s.")
                % {"organisation": organisation},
            )
        else:
            messages.info(
                request,
                _("%(organisation)s had already confirmed the agreement.")
                % {"organisation": organisation},
            )
    return redirect("partners:agreement-detail", pk=agreement.pk)


def _document_name(agreement) -> str:
    """The uploaded file's own name, without the folder and random prefix storage added."""
    if not agreement.document:
        return ""
    base = posixpath.basename(agreement.document.name)
    prefix, separator, rest = base.partition("-")
    return rest if separator and len(prefix) == 16 else base


@never_cache
@login_required
def agreement_document(request, pk):
    """The signed document, from private storage, only for those who may see the agreement."""
    agreement = _visible_agreement(request, pk)
    if not agreement.document:
        raise Http404(_("This agreement has no document."))
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The document file is missing.")) from error
    access_record(instance=agreement, actor=request.user, what="download")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=_document_name(agreement),
        content_type="application/pdf",
    )


# History -----------------------------------------------------------------------------------

organisation_history = history_view(
    Organisation, view_perm="partners.view_organisation", detail_url="partners:organisation-detail"
)
agreement_history = history_view(
    Agreement, view_perm="partners.view_agreement", detail_url="partners:agreement-detail"
)

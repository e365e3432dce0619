"""Who may do what with programmes, projects and opportunities — decided only here.

Coordination is a deployments concept, so this module also widens the partners app's
permissions for coordinators: they see the organisations that accepted a partnership with
their programmes and record agreements with them, but never gain power over an organisation
itself (its profile, members or verification) by working with it.
"""

import datetime

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, Q
from django.utils import timezone

from audit.rules import may_change
from partners import rules as partner_rules
from partners.models import Agreement, Membership, Organisation
from partners.selectors import register_agreement_scope, register_organisation_scope
from users.rules import is_administrator
from volunteers import rules as volunteer_rules

from .enums import (
    CLOSED_APPLICATION_STATUSES,
    ENDED_PLACEMENT_STATUSES,
    FIELD_PLACEMENT_STATUSES,
    PUBLIC_OPPORTUNITY_STATUSES,
    PUBLIC_PROJECT_STATUSES,
    ActivityLogStatus,
    ApplicationStatus,
    CheckInStatus,
    OpportunityStatus,
    PartnershipStatus,
    PlacementStatus,
)
from .models import Partnership, Programme


def coordinated_programme_ids(user) -> frozenset[int]:
    """The programmes the user coordinates, read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_coordinated_programme_ids", None)
    if cached is None:
        cached = frozenset(user.coordinated_programmes.values_list("pk", flat=True))
        user._coordinated_programme_ids = cached
    return cached


def partner_organisations_of_programmes(programme_ids) -> Q:
    """Organisations working with any of the programmes by their own consent, as a filter on
    Organisation: each programme's sending organisation and those in an active partnership.

    A proposed or ended partnership counts for nothing here.
    """
    partnered = Partnership.objects.filter(
        programme__in=programme_ids, status=PartnershipStatus.ACTIVE
    ).values("organisation")
    sending = Programme.objects.filter(pk__in=programme_ids).values("sending_organisation")
    return Q(pk__in=partnered) | Q(pk__in=sending)


@register_organisation_scope
def coordinated_organisations(viewer) -> Q | None:
    """The organisations a coordinator works with, as a filter partners' selectors can use."""
    programme_ids = coordinated_programme_ids(viewer)
    if not programme_ids:
        return None
    return partner_organisations_of_programmes(programme_ids)


@register_agreement_scope
def coordinated_agreements(viewer) -> Q | None:
    """Agreements whose every party works with one of the viewer's programmes, as a filter
    on Agreement: ending a partnership hides its agreements from that moment."""
    programme_ids = coordinated_programme_ids(viewer)
    if not programme_ids:
        return None
    outsiders = Organisation.objects.exclude(partner_organisations_of_programmes(programme_ids))
    return ~Q(pk__in=Agreement.objects.filter(organisations__in=outsiders).values("pk"))


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(coordinated_programme_ids(user))


@rules.predicate
def is_programme_coordinator(user, programme) -> bool:
    return programme is not None and programme.pk in coordinated_programme_ids(user)


@rules.predicate
def is_project_coordinator(user, project) -> bool:
    return project is not None and project.programme_id in coordinated_programme_ids(user)


@rules.predicate
def is_opportunity_coordinator(user, opportunity) -> bool:
    return opportunity is not None and is_project_coordinator(user, opportunity.project)


@rules.predicate
def is_host_member(user, project) -> bool:
    return project is not None and project.host_partner_id in (
        partner_rules.memberships_by_organisation(user)
    )


@rules.predicate
def is_project_partner_member(user, project) -> bool:
    if project is None:
        return False
    members_of = partner_rules.memberships_by_organisation(user)
    return project.host_partner_id in members_of or any(
        partnership.organisation_id in members_of for partnership in project.partnerships.all()
    )


@rules.predicate
def is_public_project(user, project) -> bool:
    return project is not None and project.status in PUBLIC_PROJECT_STATUSES


@rules.predicate
def is_public_opportunity(user, opportunity) -> bool:
    return (
        opportunity is not None
        and opportunity.status in PUBLIC_OPPORTUNITY_STATUSES
        and opportunity.project.status in PUBLIC_PROJECT_STATUSES
    )


@rules.predicate
def is_opportunity_host_member(user, opportunity) -> bool:
    return opportunity is not None and is_host_member(user, opportunity.project)


def partner_organisation_ids(user) -> frozenset[int]:
    """The organisations the user's programmes work with by consent, read once per user
    object (partnership services forget it when they change a partnership)."""
    programme_ids = coordinated_programme_ids(user)
    if not programme_ids:
        return frozenset()
    cached = getattr(user, "_partner_organisation_ids", None)
    if cached is None:
        cached = frozenset(
            Organisation.objects.filter(
                partner_organisations_of_programmes(programme_ids)
            ).values_list("pk", flat=True)
        )
        user._partner_organisation_ids = cached
    return cached


@rules.predicate
def is_partner_coordinator(user, organisation) -> bool:
    """A coordinator of a programme the organisation works with by consent."""
    return organisation is not None and organisation.pk in partner_organisation_ids(user)


@rules.predicate
def is_registrant_awaiting_admin(user, organisation) -> bool:
    """The coordinator who registered the organisation, until it has an admin of its own:
    they may complete its profile and invite that first admin, nothing more."""
    return (
        organisation is not None
        and organisation.created_by_id == user.pk
        and is_coordinator(user)
        and not Membership.objects.filter(organisation=organisation, is_admin=True).exists()
    )


@rules.predicate
def is_agreement_coordinator(user, agreement) -> bool:
    scope = coordinated_agreements(user)
    return (
        agreement is not None
        and scope is not None
        and Agreement.objects.filter(scope, pk=agreement.pk, organisations__isnull=False).exists()
    )


@rules.predicate
def is_partnership_coordinator(user, partnership) -> bool:
    return partnership is not None and is_programme_coordinator(user, partnership.programme)


@rules.predicate
def is_partnership_organisation_admin(user, partnership) -> bool:
    return partnership is not None and partner_rules.is_organisation_admin(
        user, partnership.organisation
    )


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.volunteer_id == user.pk


@rules.predicate
def is_application_coordinator(user, application) -> bool:
    return application is not None and is_project_coordinator(user, application.opportunity.project)


@rules.predicate
def is_assigned_reviewer(user, application) -> bool:
    """A reviewer asked to review this application, while it is with the partners."""
    if application is None or not user.is_authenticated:
        return False
    members_of = partner_rules.memberships_by_organisation(user)
    return any(
        assignment.reviewer_id == user.pk
        and getattr(members_of.get(assignment.organisation_id), "is_reviewer", False)
        for assignment in application.assignments.all()
    )


@rules.predicate
def is_in_partner_review(user, application) -> bool:
    return application is not None and application.status == ApplicationStatus.PARTNER_REVIEW


@rules.predicate
def is_open_opportunity(user, opportunity) -> bool:
    """Open for applications: published as open and before its deadline."""
    return (
        opportunity is not None
        and opportunity.status == OpportunityStatus.OPEN
        and opportunity.application_deadline > timezone.now()
    )


@rules.predicate
def is_blind_review(user, application) -> bool:
    return application is not None and application.opportunity.project.programme.blind_review


def _coordinates_an_application_of(user, volunteer_id) -> bool:
    """An application to one of the user's programmes that is open, or closed (rejected,
    withdrawn, declined) less than APPLICANT_DATA_ACCESS_DAYS ago, or a placement there.

    After that period coordinators no longer need the person's profile and identity
    documents, so they lose sight of them (DESIGN.md: retention periods are settings).
    """
    from .models import Application, Placement

    programme_ids = coordinated_programme_ids(user)
    if not programme_ids or volunteer_id is None:
        return False
    closed_before = timezone.now() - datetime.timedelta(days=settings.APPLICANT_DATA_ACCESS_DAYS)
    # Every transition stamps status_changed_at, so for a closed application it is the
    # moment it closed.
    recent_applications = (
        Application.objects.filter(
            volunteer_id=volunteer_id, opportunity__project__programme__in=programme_ids
        )
        .exclude(status=ApplicationStatus.DRAFT)
        .exclude(status__in=CLOSED_APPLICATION_STATUSES, status_changed_at__lt=closed_before)
    )
    placements = Placement.objects.filter(
        volunteer_id=volunteer_id, project__programme__in=programme_ids
    )
    # One query, whatever the number of applications and placements.
    return (
        get_user_model()
        .objects.filter(pk=volunteer_id)
        .filter(Exists(recent_applications) | Exists(placements))
        .exists()
    )


def _reviews_an_application_of(user, volunteer_id, *, identity: bool) -> bool:
    """Assigned to review one of the volunteer's applications (non-blind only, for identity)."""
    from .models import ReviewAssignment

    if not user.is_authenticated:
        return False
    assignments = ReviewAssignment.objects.filter(
        reviewer=user,
        application__volunteer_id=volunteer_id,
        application__status=ApplicationStatus.PARTNER_REVIEW,
    )
    if identity:
        assignments = assignments.filter(
            application__opportunity__project__programme__blind_review=False
        )
    return assignments.exists()


@rules.predicate
def is_coordinator_of_applicant(user, record) -> bool:
    """`record` is a volunteer's profile (`user_id`) or document (`owner_id`)."""
    owner_id = getattr(record, "user_id", None) or getattr(record, "owner_id", None)
    return record is not None and _coordinates_an_application_of(user, owner_id)


@rules.predicate
def is_reviewer_of_profile(user, profile) -> bool:
    return profile is not None and _reviews_an_application_of(user, profile.user_id, identity=False)


@rules.predicate
def is_identified_reviewer_of_document(user, document) -> bool:
    return document is not None and _reviews_an_application_of(
        user, document.owner_id, identity=True
    )


can_view_application = (
    is_applicant | is_application_coordinator | is_assigned_reviewer | is_administrator
)
can_manage_application = is_application_coordinator | is_administrator
can_review_application = is_assigned_reviewer & is_in_partner_review
can_see_candidate_identity = (
    ~is_blind_review | is_applicant | is_application_coordinator | is_administrator
)
can_apply = is_public_opportunity & is_open_opportunity

can_view_project = is_public_project | is_project_coordinator | is_project_partner_member
can_change_project = is_project_coordinator | is_administrator
can_sign_off_needs_assessment = is_host_member
can_edit_needs_assessment = is_project_coordinator | is_host_member | is_administrator
can_view_opportunity = (
    is_public_opportunity
    | is_opportunity_coordinator
    | is_opportunity_host_member
    | is_administrator
)
can_change_opportunity = is_opportunity_coordinator | is_administrator

rules.add_perm("deployments.list_programmes", is_coordinator | is_administrator)
rules.add_perm("deployments.view_programme", is_programme_coordinator | is_administrator)
rules.add_perm("deployments.change_programme", is_programme_coordinator | is_administrator)
rules.add_perm("deployments.add_project", is_programme_coordinator | is_administrator)
rules.add_perm("deployments.export_programme_iati", is_programme_coordinator | is_administrator)
rules.add_perm("deployments.view_project", can_view_project | is_administrator)
rules.add_perm("deployments.change_project", can_change_project)
rules.add_perm("deployments.edit_needs_assessment", can_edit_needs_assessment)
rules.add_perm("deployments.sign_off_needs_assessment", can_sign_off_needs_assessment)
rules.add_perm("deployments.view_opportunity", can_view_opportunity)
rules.add_perm("deployments.change_opportunity", can_change_opportunity)
rules.add_perm("deployments.add_opportunity", can_change_project)
rules.add_perm("deployments.manage_indicators", can_change_project)

# Partnerships: a coordinator proposes, the organisation's admin accepts, either side ends.
rules.add_perm("deployments.propose_partnership", is_programme_coordinator | is_administrator)
rules.add_perm(
    "deployments.view_partnership",
    is_partnership_coordinator | is_partnership_organisation_admin | is_administrator,
)
rules.add_perm(
    "deployments.accept_partnership", is_partnership_organisation_admin | is_administrator
)
rules.add_perm(
    "deployments.end_partnership",
    is_partnership_coordinator | is_partnership_organisation_admin | is_administrator,
)
rules.add_perm("deployments.register_organisation", is_programme_coordinator | is_administrator)

# Coordinators see the organisations and agreements of their partnerships. Editing an
# organisation, managing its members and verifying it stay with its admins and platform
# administrators; the coordinator who registered an organisation may set it up until it has
# an admin of its own.
rules.set_perm(
    "partners.view_organisation",
    partner_rules.can_view_organisation | is_partner_coordinator | is_registrant_awaiting_admin,
)
rules.set_perm(
    "partners.change_organisation",
    partner_rules.can_change_organisation | is_registrant_awaiting_admin,
)
rules.set_perm(
    "partners.manage_members", partner_rules.can_manage_members | is_registrant_awaiting_admin
)
rules.set_perm(
    "partners.view_agreement", partner_rules.can_view_agreement | is_agreement_coordinator
)
rules.set_perm("partners.add_agreement", is_coordinator | is_administrator)
rules.set_perm("partners.change_agreement", is_agreement_coordinator | is_administrator)
rules.set_perm(
    "partners.choose_agreement_party",
    partner_rules.can_choose_agreement_party | is_partner_coordinator,
)

rules.add_perm("deployments.apply_to_opportunity", rules.is_authenticated & can_apply)
rules.add_perm("deployments.view_application", can_view_application)
rules.add_perm("deployments.manage_application", can_manage_application)
rules.add_perm("deployments.review_application", can_review_application)
rules.add_perm("deployments.see_candidate_identity", can_see_candidate_identity)

# Coordinators see the profiles and documents of the people who applied to their programmes;
# reviewers see the profile behind a candidate, and documents only when the review is not blind.
rules.set_perm(
    "volunteers.view_profile",
    volunteer_rules.can_view_profile | is_coordinator_of_applicant | is_reviewer_of_profile,
)
rules.set_perm(
    "volunteers.view_document",
    volunteer_rules.can_view_document
    | is_coordinator_of_applicant
    | is_identified_reviewer_of_document,
)


# Placements ------------------------------------------------------------------------------


def supervised_organisation_ids(user) -> frozenset[int]:
    """Organisations in which the user is a supervisor, read once per user object."""
    return frozenset(
        organisation_id
        for organisation_id, membership in partner_rules.memberships_by_organisation(user).items()
        if membership.is_supervisor
    )


@rules.predicate
def is_placement_volunteer(user, placement) -> bool:
    return placement is not None and user.is_authenticated and placement.volunteer_id == user.pk


@rules.predicate
def is_placement_coordinator(user, placement) -> bool:
    return placement is not None and is_project_coordinator(user, placement.project)


@rules.predicate
def is_placement_host_supervisor(user, placement) -> bool:
    """The placement's named host supervisor, or a supervisor of the project's host partner."""
    if placement is None or not user.is_authenticated:
        return False
    return (
        placement.host_supervisor_id == user.pk
        or placement.project.host_partner_id in supervised_organisation_ids(user)
    )


@rules.predicate
def is_placement_in_country(user, placement) -> bool:
    return placement is not None and placement.status == PlacementStatus.IN_COUNTRY


@rules.predicate
def is_placement_in_the_field(user, placement) -> bool:
    """In country, or ended after having been there (late logs and reports still count)."""
    return placement is not None and placement.status in FIELD_PLACEMENT_STATUSES


@rules.predicate
def is_placement_ended(user, placement) -> bool:
    return placement is not None and placement.status in ENDED_PLACEMENT_STATUSES


can_view_placement = (
    is_placement_volunteer
    | is_placement_coordinator
    | is_placement_host_supervisor
    | is_administrator
)
can_manage_placement = is_placement_coordinator | is_administrator
can_supervise_placement = is_placement_host_supervisor
can_report_on_placement = is_placement_volunteer & is_placement_in_the_field

rules.add_perm("deployments.list_placements", rules.is_authenticated)
rules.add_perm("deployments.view_placement", can_view_placement)
rules.add_perm("deployments.manage_placement", can_manage_placement)
rules.add_perm("deployments.supervise_placement", can_supervise_placement)
rules.add_perm("deployments.log_activity", can_report_on_placement)
rules.add_perm("deployments.submit_monthly_report", can_report_on_placement)
rules.add_perm("deployments.check_in", is_placement_volunteer & is_placement_in_country)
rules.add_perm("deployments.appraise_placement", can_supervise_placement & is_placement_ended)
rules.add_perm("deployments.write_lessons", is_placement_volunteer & is_placement_ended)
rules.add_perm(
    "deployments.download_certificate",
    (is_placement_volunteer | can_manage_placement) & is_placement_ended,
)


@rules.predicate
def is_log_author(user, log) -> bool:
    return log is not None and is_placement_volunteer(user, log.placement)


@rules.predicate
def can_view_log_placement(user, log) -> bool:
    return log is not None and can_view_placement(user, log.placement)


@rules.predicate
def is_log_coordinator(user, log) -> bool:
    return log is not None and can_manage_placement(user, log.placement)


@rules.predicate
def is_log_host_supervisor(user, log) -> bool:
    return log is not None and is_placement_host_supervisor(user, log.placement)


@rules.predicate
def is_log_open_for_correction(user, log) -> bool:
    return log is not None and log.status in (
        ActivityLogStatus.SUBMITTED,
        ActivityLogStatus.RETURNED,
    )


rules.add_perm("deployments.view_activity_log", can_view_log_placement)
rules.add_perm("deployments.review_activity_log", is_log_coordinator)
rules.add_perm("deployments.verify_activity_log", is_log_host_supervisor)
rules.add_perm("deployments.change_activity_log", is_log_author & is_log_open_for_correction)


@rules.predicate
def is_emergency_check_in(user, check_in) -> bool:
    return check_in is not None and check_in.status == CheckInStatus.EMERGENCY


@rules.predicate
def can_answer_for_check_in_placement(user, check_in) -> bool:
    return check_in is not None and (
        can_manage_placement(user, check_in.placement)
        or is_placement_host_supervisor(user, check_in.placement)
    )


# The coordinators and the host supervisors hear of an emergency at once; either may take it.
can_respond_to_check_in = is_emergency_check_in & can_answer_for_check_in_placement
rules.add_perm("deployments.respond_to_check_in", can_respond_to_check_in)


# Audit history: an object's History is for whoever may change it ---------------------------


rules.add_perm("deployments.view_programme_history", may_change("deployments.change_programme"))
rules.add_perm("deployments.view_project_history", may_change("deployments.change_project"))
rules.add_perm("deployments.view_opportunity_history", may_change("deployments.change_opportunity"))
rules.add_perm("deployments.view_application_history", may_change("deployments.manage_application"))
rules.add_perm("deployments.view_placement_history", may_change("deployments.manage_placement"))

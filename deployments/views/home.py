"""The landing page and each person's dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from volunteers.selectors import profile_completeness

from .. import selectors
from ..enums import PlacementStatus
from ..roles import Role, roles_of
from ..two_factor import should_be_offered_two_factor


def home(request):
    return render(
        request,
        "deployments/home.html",
        {
            "programmes": selectors.programme_public_list(),
            "opportunities": selectors.opportunity_featured_list(limit=6),
        },
    )


@login_required
def dashboard(request):
    user = request.user
    roles = roles_of(user)
    context = {"roles": roles, "offer_two_factor": should_be_offered_two_factor(user)}
    if Role.COORDINATOR in roles:
        context["coordinated_programmes"] = selectors.programme_list(viewer=user)
        context["coordinator_projects"] = selectors.project_dashboard_list(viewer=user)
        context["placement_counts"] = [
            (status, PlacementStatus(status).label, count)
            for status, count in selectors.placement_status_counts(viewer=user).items()
            if count
        ]
        context["logs_to_review"] = selectors.activity_log_review_queue(viewer=user).count()
    if Role.PARTNER_MEMBER in roles:
        context["memberships"] = selectors.membership_list_for(user=user)
        context["partnership_proposals"] = selectors.partnership_proposal_count(viewer=user)
        context["supervised_placements"] = selectors.placement_list(
            viewer=user, status=PlacementStatus.IN_COUNTRY
        ).exclude(volunteer=user)[:10]
    if Role.VOLUNTEER in roles:
        context["opportunities"] = selectors.opportunity_featured_list(limit=5)
        context["completeness"] = profile_completeness(user=user)
        context["my_applications"] = selectors.application_list_for_volunteer(volunteer=user)
        context["my_placements"] = selectors.placement_list_for_volunteer(volunteer=user)
    return render(request, "deployments/dashboard.html", context)

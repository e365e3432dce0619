"""A coordinator's programme work and a partner's reviews through the API, with the pages'
rules: log review, application transitions, the review queue and reviews."""

import pytest
from django.utils import timezone

from deployments.enums import ActivityLogStatus, ApplicationStatus
from deployments.models import Review
from tests.factories import (
    ActivityLogFactory,
    ApplicationFactory,
    MembershipFactory,
    OpportunityFactory,
    PlacementFactory,
    ReviewAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LOGS = "/api/v1/activity-logs/"
APPLICATIONS = "/api/v1/applications/"


def results(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# Activity logs ------------------------------------------------------------------------------


def test_coordinator_approves_a_log(token_client, coordinator, placement):
    log = ActivityLogFactory(placement=placement)

    response = token_client(coordinator).post(
        f"{LOGS}{log.pk}/review/", {"action": "approved"}, format="json"
    )

    assert response.status_code == 200
    log.refresh_from_db()
    assert (log.status, log.reviewed_by) == (ActivityLogStatus.APPROVED, coordinator)


def test_returning_a_log_needs_a_comment(token_client, coordinator, placement):
    log = ActivityLogFactory(placement=placement)

    response = token_client(coordinator).post(
        f"{LOGS}{log.pk}/review/", {"action": "returned"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["comment"]
    log.refresh_from_db()
    assert log.status == ActivityLogStatus.SUBMITTED


def test_returning_a_log_approved_meanwhile_answers_409(token_client, coordinator, placement):
    log = ActivityLogFactory(
        placement=placement,
        status=ActivityLogStatus.APPROVED,
        reviewed_at=timezone.now(),
        reviewed_by=coordinator,
    )

    response = token_client(coordinator).post(
        f"{LOGS}{log.pk}/review/", {"action": "returned", "comment": "Add photos"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["status"] == ActivityLogStatus.APPROVED


def test_the_volunteer_cannot_review_their_log(volunteer_api, placement):
    log = ActivityLogFactory(placement=placement)

    response = volunteer_api.post(f"{LOGS}{log.pk}/review/", {"action": "approved"}, format="json")

    assert response.status_code == 403


def test_another_programmes_coordinator_does_not_find_the_log(token_client, placement):
    log = ActivityLogFactory(placement=placement)
    other = UserFactory()
    PlacementFactory().project.programme.coordinators.add(other)

    response = token_client(other).post(
        f"{LOGS}{log.pk}/review/", {"action": "approved"}, format="json"
    )

    assert response.status_code == 404


def test_the_review_queue_holds_the_programmes_waiting_logs(token_client, coordinator, placement):
    waiting = ActivityLogFactory(placement=placement)
    ActivityLogFactory(
        placement=placement,
        status=ActivityLogStatus.APPROVED,
        reviewed_at=timezone.now(),
        reviewed_by=coordinator,
    )
    ActivityLogFactory()  # another programme's

    assert results(token_client(coordinator).get(f"{LOGS}review-queue/")) == [waiting.pk]


def test_the_review_queue_is_for_coordinators(volunteer_api, placement):
    assert volunteer_api.get(f"{LOGS}review-queue/").status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_log_list_queries(volunteer_api, placement, django_assert_max_num_queries, rows):
    ActivityLogFactory.create_batch(rows, placement=placement)

    # token, its last use, the viewer's programmes and memberships, count, rows, photos
    with django_assert_max_num_queries(7):
        assert len(results(volunteer_api.get(LOGS))) == rows


# Applications -------------------------------------------------------------------------------


@pytest.fixture
def application(programme, host_partner):
    return ApplicationFactory(
        opportunity=OpportunityFactory(
            project__programme=programme, project__host_partner=host_partner
        )
    )


def test_coordinator_lists_the_programmes_applications(token_client, coordinator, application):
    ApplicationFactory()  # another programme's
    ApplicationFactory(opportunity=application.opportunity, status=ApplicationStatus.DRAFT)

    assert results(token_client(coordinator).get(APPLICATIONS)) == [application.pk]


@pytest.mark.parametrize("rows", [1, 3])
def test_application_list_queries(
    token_client, coordinator, programme, django_assert_max_num_queries, rows
):
    opportunity = OpportunityFactory(project__programme=programme)
    ApplicationFactory.create_batch(rows, opportunity=opportunity)
    client = token_client(coordinator)

    # token, its last use, coordinated programmes, count, rows
    with django_assert_max_num_queries(5):
        assert len(results(client.get(APPLICATIONS))) == rows


def test_coordinator_starts_screening(token_client, coordinator, application):
    response = token_client(coordinator).post(
        f"{APPLICATIONS}{application.pk}/transition/", {"to": "screening"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == ApplicationStatus.SCREENING


def test_a_move_that_is_not_possible_answers_409(token_client, coordinator, application):
    response = token_client(coordinator).post(
        f"{APPLICATIONS}{application.pk}/transition/", {"to": "offered"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["status"] == ApplicationStatus.SUBMITTED


def test_the_volunteer_withdraws_but_does_not_screen(token_client, application):
    client = token_client(application.volunteer)
    url = f"{APPLICATIONS}{application.pk}/transition/"

    refused = client.post(url, {"to": "screening"}, format="json")
    withdrawn = client.post(url, {"to": "withdrawn"}, format="json")

    assert (refused.status_code, withdrawn.status_code) == (403, 200)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_rejecting_needs_the_reason(token_client, coordinator, application):
    response = token_client(coordinator).post(
        f"{APPLICATIONS}{application.pk}/transition/", {"to": "rejected"}, format="json"
    )

    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_another_programmes_application_is_not_found(token_client, application):
    other = UserFactory()
    ApplicationFactory().opportunity.project.programme.coordinators.add(other)

    response = token_client(other).post(
        f"{APPLICATIONS}{application.pk}/transition/", {"to": "screening"}, format="json"
    )

    assert response.status_code == 404


def test_the_volunteer_lists_their_applications(token_client, application):
    ApplicationFactory()

    assert results(token_client(application.volunteer).get("/api/v1/me/applications/")) == [
        application.pk
    ]


# Partner reviews ----------------------------------------------------------------------------

SCORES = {
    "skills_fit": 4,
    "language": 3,
    "motivation": 5,
    "intercultural_readiness": 4,
    "recommendation": "recommend",
    "comment": "Strong teacher.",
}


@pytest.fixture
def assignment(application, partner_member, host_partner):
    application.status = ApplicationStatus.PARTNER_REVIEW
    application.save()
    return ReviewAssignmentFactory(
        application=application, reviewer=partner_member, organisation=host_partner
    )


def test_the_reviewer_sees_the_candidate_in_the_queue(token_client, partner_member, assignment):
    rows = token_client(partner_member).get("/api/v1/review-queue/").json()["results"]

    assert [(row["id"], row["volunteer_name"]) for row in rows] == [
        (assignment.application.pk, assignment.application.volunteer.name)
    ]


def test_a_blind_review_hides_the_candidate(token_client, partner_member, assignment, programme):
    programme.blind_review = True
    programme.save()

    rows = token_client(partner_member).get("/api/v1/review-queue/").json()["results"]

    assert [(row["volunteer"], row["volunteer_name"]) for row in rows] == [(None, None)]


def test_the_reviewer_submits_and_lists_the_review(token_client, partner_member, assignment):
    client = token_client(partner_member)

    response = client.post(
        f"{APPLICATIONS}{assignment.application.pk}/review/", SCORES, format="json"
    )

    assert response.status_code == 200, response.content
    review = Review.objects.get()
    assert (review.reviewer, review.motivation) == (partner_member, 5)
    assert results(client.get("/api/v1/reviews/")) == [review.pk]


def test_a_review_with_a_score_out_of_range_is_refused(token_client, partner_member, assignment):
    response = token_client(partner_member).post(
        f"{APPLICATIONS}{assignment.application.pk}/review/",
        {**SCORES, "language": 9},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["language"]
    assert not Review.objects.exists()


def test_a_member_who_was_not_asked_does_not_find_the_candidate(
    token_client, assignment, host_partner
):
    colleague = UserFactory()
    MembershipFactory(user=colleague, organisation=host_partner, is_reviewer=True)

    response = token_client(colleague).post(
        f"{APPLICATIONS}{assignment.application.pk}/review/", SCORES, format="json"
    )

    assert response.status_code == 404
    assert not Review.objects.exists()

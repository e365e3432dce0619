"""Applying, the pipeline, partner review and answering offers, through the pages, per role."""

import pytest
from django.urls import reverse

from deployments.enums import ApplicationStatus
from deployments.models import Application, Placement
from tests.factories import (
    ApplicationFactory,
    ApplicationReleaseFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    ProjectFactory,
    ReviewAssignmentFactory,
    ReviewFactory,
    SkillFactory,
    UserFactory,
)
from tests.factories.users import TEST_PASSWORD
from tests.factories.volunteers import (
    CompleteVolunteerProfileFactory,
    DocumentFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db
AS = ApplicationStatus


@pytest.fixture
def opportunity(recruiting_project):
    return OpportunityFactory(project=recruiting_project, title="English teacher", questions="")


@pytest.fixture
def applicant():
    return CompleteVolunteerProfileFactory(user__name="Li Wei", nationality="CN").user


@pytest.fixture
def application(opportunity, applicant):
    return ApplicationFactory(opportunity=opportunity, volunteer=applicant, status=AS.SCREENING)


@pytest.fixture
def reviewer(host_partner):
    person = UserFactory(name="Anil Reviewer")
    MembershipFactory(user=person, organisation=host_partner, is_reviewer=True)
    return person


@pytest.fixture
def in_review(application, host_partner, reviewer):
    Application.objects.filter(pk=application.pk).update(status=AS.PARTNER_REVIEW)
    ApplicationReleaseFactory(application=application, organisation=host_partner)
    ReviewAssignmentFactory(application=application, reviewer=reviewer, organisation=host_partner)
    application.refresh_from_db()
    return application


# Applying -----------------------------------------------------------------------------------


def test_a_volunteer_saves_a_draft_then_submits(client, opportunity, applicant):
    client.force_login(applicant)
    url = reverse("deployments:application-apply", args=[opportunity.pk])

    client.post(url, {"motivation": "I want to teach.", "action": "save"})
    assert Application.objects.get().status == AS.DRAFT

    response = client.post(url, {"motivation": "I want to teach.", "action": "submit"})

    application = Application.objects.get()
    assert response.url == reverse("deployments:application-detail", args=[application.pk])
    assert application.status == AS.SUBMITTED


def test_submitting_with_an_incomplete_profile_writes_nothing_and_says_why(client, opportunity):
    person = VolunteerProfileFactory().user
    client.force_login(person)

    response = client.post(
        reverse("deployments:application-apply", args=[opportunity.pk]),
        {"motivation": "I want to teach.", "action": "submit"},
    )

    assert response.status_code == 200
    assert "Complete your profile first" in response.content.decode()
    assert not Application.objects.exists()


def test_the_apply_page_shows_what_the_profile_lacks(client, opportunity):
    client.force_login(VolunteerProfileFactory().user)

    body = client.get(reverse("deployments:application-apply", args=[opportunity.pk])).content

    assert "Upload your CV" in body.decode()


def test_applying_twice_leads_to_the_existing_application(client, application, applicant):
    client.force_login(applicant)

    response = client.get(
        reverse("deployments:application-apply", args=[application.opportunity.pk])
    )

    assert response.url == reverse("deployments:application-detail", args=[application.pk])


def test_a_draft_opportunity_cannot_be_applied_to(client, draft_opportunity, applicant):
    client.force_login(applicant)

    response = client.get(reverse("deployments:application-apply", args=[draft_opportunity.pk]))

    assert response.status_code == 404


# Who sees an application ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("volunteer", 404),
        ("host_member", 404),
        ("other_member", 404),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_application_page_per_role(client_as, application, role, expected):
    response = client_as(role).get(reverse("deployments:application-detail", args=[application.pk]))

    assert response.status_code == expected


def test_the_applicant_sees_their_own_application(client, application, applicant):
    client.force_login(applicant)

    assert (
        client.get(reverse("deployments:application-detail", args=[application.pk])).status_code
        == 200
    )


def test_anonymous_visitors_are_asked_to_sign_in(client, application):
    response = client.get(reverse("deployments:application-detail", args=[application.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_partner_member_never_reaches_a_candidate_not_released_to_them(
    client, application, reviewer, applicant
):
    document = DocumentFactory(owner=applicant)
    client.force_login(reviewer)

    for url in (
        reverse("deployments:application-detail", args=[application.pk]),
        reverse("deployments:review-edit", args=[application.pk]),
        reverse("volunteers:document-download", args=[document.pk]),
    ):
        assert client.get(url).status_code == 404, url
    queue = client.get(reverse("deployments:application-list")).context["review_queue"]
    assert list(queue) == []


def test_a_reviewer_of_another_organisation_never_reaches_the_candidate(client, in_review):
    outsider = UserFactory()
    MembershipFactory(user=outsider, organisation=OrganisationFactory(), is_reviewer=True)
    ApplicationReleaseFactory(application=in_review, organisation=OrganisationFactory())
    client.force_login(outsider)

    assert client.get(reverse("deployments:review-edit", args=[in_review.pk])).status_code == 404


# Blind review -----------------------------------------------------------------------------


def test_blind_review_hides_who_the_candidate_is(client, in_review, reviewer, programme):
    programme.blind_review = True
    programme.save()
    client.force_login(reviewer)

    body = client.get(reverse("deployments:review-edit", args=[in_review.pk])).content.decode()

    assert f"Candidate #{in_review.pk}" in body
    assert "Li Wei" not in body
    assert "China" not in body
    assert in_review.volunteer.email not in body
    assert "1998" not in body  # no date of birth, hence no age


def test_open_review_shows_the_candidate(client, in_review, reviewer, programme):
    programme.blind_review = False
    programme.save()
    client.force_login(reviewer)

    body = client.get(reverse("deployments:review-edit", args=[in_review.pk])).content.decode()

    assert "Li Wei" in body


def test_blind_reviewers_cannot_download_the_candidates_documents(
    client, in_review, reviewer, programme, applicant
):
    programme.blind_review = True
    programme.save()
    document = DocumentFactory(owner=applicant)
    client.force_login(reviewer)

    response = client.get(reverse("volunteers:document-download", args=[document.pk]))

    assert response.status_code == 404


def test_coordinators_can_download_an_applicants_cv(client, application, coordinator, applicant):
    document = applicant.volunteer_documents.get()
    client.force_login(coordinator)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})

    response = client.get(reverse("volunteers:document-download", args=[document.pk]))

    assert response.status_code == 200


# Reviewing -----------------------------------------------------------------------------------

REVIEW = {
    "skills_fit": "4",
    "language": "5",
    "motivation": "4",
    "intercultural_readiness": "3",
    "recommendation": "recommend",
    "comment": "Ready for the classroom.",
}


def test_the_reviewer_scores_from_the_queue(client, in_review, reviewer):
    client.force_login(reviewer)
    queue = client.get(reverse("deployments:application-list")).context["review_queue"]
    assert list(queue) == [in_review]

    response = client.post(reverse("deployments:review-edit", args=[in_review.pk]), REVIEW)

    assert response.status_code == 302
    review = in_review.reviews.get()
    assert (review.skills_fit, review.language, review.recommendation) == (4, 5, "recommend")


@pytest.mark.parametrize(
    ("field", "value"), [("skills_fit", "6"), ("language", "0"), ("recommendation", "")]
)
def test_a_review_with_bad_scores_is_refused_and_not_saved(
    client, in_review, reviewer, field, value
):
    client.force_login(reviewer)

    response = client.post(
        reverse("deployments:review-edit", args=[in_review.pk]), {**REVIEW, field: value}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not in_review.reviews.exists()


def test_declaring_a_conflict_takes_the_reviewer_off(client, in_review, reviewer):
    client.force_login(reviewer)

    client.post(reverse("deployments:review-conflict", args=[in_review.pk]), {"comment": "Cousin"})

    assert not in_review.assignments.filter(reviewer=reviewer).exists()
    assert client.get(reverse("deployments:review-edit", args=[in_review.pk])).status_code == 404


def test_coordinators_see_reviews_side_by_side(client, in_review, coordinator, reviewer):
    ReviewFactory(application=in_review, reviewer=reviewer, comment="Strong in class")
    client.force_login(coordinator)

    body = client.get(
        reverse("deployments:application-detail", args=[in_review.pk])
    ).content.decode()

    assert "Strong in class" in body
    assert "4.00" in body  # (4 + 4 + 5 + 3) / 4


# The pipeline --------------------------------------------------------------------------------


def test_the_pipeline_ranks_candidates_by_mean_score(client, opportunity, coordinator):
    weaker = ApplicationFactory(opportunity=opportunity, status=AS.PARTNER_REVIEW)
    stronger = ApplicationFactory(opportunity=opportunity, status=AS.PARTNER_REVIEW)
    ReviewFactory(application=weaker, skills_fit=2, language=2, motivation=2)
    ReviewFactory(application=stronger, skills_fit=5, language=5, motivation=5)
    client.force_login(coordinator)

    page = client.get(reverse("deployments:opportunity-pipeline", args=[opportunity.pk]))

    assert list(page.context["page_obj"]) == [stronger, weaker]


@pytest.mark.parametrize("role", ["volunteer", "host_member", "other_coordinator"])
def test_only_the_coordinators_see_the_pipeline(client_as, opportunity, role):
    response = client_as(role).get(
        reverse("deployments:opportunity-pipeline", args=[opportunity.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("rows", [1, 5])
def test_the_pipeline_costs_a_fixed_number_of_queries(
    client, opportunity, coordinator, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        application = ApplicationFactory(opportunity=opportunity, status=AS.PARTNER_REVIEW)
        ApplicationReleaseFactory(application=application)
        ReviewFactory(application=application)
    client.force_login(coordinator)

    with django_assert_max_num_queries(11):
        response = client.get(reverse("deployments:opportunity-pipeline", args=[opportunity.pk]))

    assert len(response.context["page_obj"]) == rows


@pytest.mark.parametrize("rows", [1, 5])
def test_the_application_list_costs_a_fixed_number_of_queries(
    client, coordinator, reviewer, host_partner, django_assert_max_num_queries, rows, programme
):
    MembershipFactory(user=coordinator, organisation=host_partner, is_reviewer=True)
    for _ in range(rows):
        opportunity = OpportunityFactory(project=ProjectFactory(programme=programme))
        ReviewAssignmentFactory(reviewer=coordinator, organisation=host_partner)
        ApplicationFactory(volunteer=coordinator, opportunity=opportunity)
    client.force_login(coordinator)

    with django_assert_max_num_queries(14):
        client.get(reverse("deployments:application-list"))


def test_bulk_screening_and_a_rejection_needing_a_reason(client, opportunity, coordinator):
    applications = [ApplicationFactory(opportunity=opportunity) for _ in range(3)]
    client.force_login(coordinator)
    url = reverse("deployments:opportunity-pipeline", args=[opportunity.pk])

    client.post(url, {"applications": [a.pk for a in applications], "action": "screening"})
    assert set(Application.objects.values_list("status", flat=True)) == {AS.SCREENING}

    response = client.post(url, {"applications": [applications[0].pk], "action": "rejected"})
    assert response.status_code == 200
    assert response.context["bulk"].errors["reason"]
    assert not Application.objects.filter(status=AS.REJECTED).exists()
    # Shown under its field, which points to it.
    page = response.content.decode()
    assert 'aria-describedby="id_reason_error"' in page
    assert '<div class="invalid-feedback d-block" id="id_reason_error">Give the reason' in page


# Offers ---------------------------------------------------------------------------------------


def test_an_illegal_move_by_url_is_a_message_not_an_error(client, application, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("deployments:application-transition", args=[application.pk]),
        {"to": AS.ACCEPTED},
        follow=True,
    )

    assert response.status_code == 200
    assert "cannot go from" in response.content.decode()


def test_the_volunteer_accepts_the_offer_and_a_placement_exists(client, opportunity, applicant):
    application = ApplicationFactory(
        opportunity=opportunity, volunteer=applicant, status=AS.OFFERED
    )
    client.force_login(applicant)

    client.post(
        reverse("deployments:application-transition", args=[application.pk]), {"to": AS.ACCEPTED}
    )

    assert Placement.objects.get().application == application


def test_the_coordinator_releases_from_the_application_page(
    client, application, coordinator, host_partner, reviewer
):
    client.force_login(coordinator)

    client.post(
        reverse("deployments:application-release", args=[application.pk]),
        {"organisations": [host_partner.pk]},
    )

    application.refresh_from_db()
    assert application.status == AS.PARTNER_REVIEW
    assert application.assignments.get().reviewer == reviewer


# Fit on the listing ---------------------------------------------------------------------------


def test_volunteers_see_opportunities_sorted_by_fit(client, recruiting_project, applicant):
    profile = applicant.volunteer_profile
    teaching = profile.skills.first()
    poor = OpportunityFactory(
        project=recruiting_project, title="Poor fit", skills=[SkillFactory(name="Plumbing")]
    )
    good = OpportunityFactory(project=recruiting_project, title="Good fit", skills=[teaching])
    client.force_login(applicant)

    response = client.get(reverse("deployments:opportunity-list"), {"sort": "fit"})

    rows = list(response.context["page_obj"])
    assert rows[0] == good
    assert rows[0].fit.score > rows[-1].fit.score
    assert poor in rows


def test_a_nul_byte_in_the_transition_note_is_a_message_not_an_error(client, applicant):
    application = ApplicationFactory(volunteer=applicant, status=AS.SUBMITTED)
    client.force_login(applicant)

    response = client.post(
        reverse("deployments:application-transition", args=[application.pk]),
        {"to": AS.WITHDRAWN, "note": "I found\x00another place"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.events.count()) == (AS.SUBMITTED, 0)


def test_a_nul_byte_in_the_next_address_of_the_language_switch_is_ignored(client):
    response = client.post(reverse("users:set-language"), {"language": "ne", "next": "/\x00x"})

    assert (response.status_code, response.url) == (302, "/")


def test_the_pipelines_and_the_review_queue_are_paged_each_on_its_own(
    client, coordinator, host_partner, programme
):
    MembershipFactory(user=coordinator, organisation=host_partner, is_reviewer=True)
    project = ProjectFactory(programme=programme)
    for _ in range(23):
        OpportunityFactory(project=project)
    for _ in range(21):
        ReviewAssignmentFactory(reviewer=coordinator, organisation=host_partner)
    client.force_login(coordinator)
    url = reverse("deployments:application-list")

    first = client.get(url)
    later = client.get(url, {"pipeline_page": "2", "review_page": "2"})
    mixed = client.get(url, {"pipeline_page": "2"})

    assert [len(first.context[name]) for name in ("pipelines", "review_queue")] == [20, 20]
    assert [len(later.context[name]) for name in ("pipelines", "review_queue")] == [3, 1]
    assert [len(mixed.context[name]) for name in ("pipelines", "review_queue")] == [3, 20]
    html = first.content.decode()
    assert "?pipeline_page=2" in html
    assert "?review_page=2" in html
    assert "pipeline_page=2&amp;review_page=2" in later.content.decode()

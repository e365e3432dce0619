"""The application state machine and its services: every move, guard and side effect."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deployments import services
from deployments.enums import Actor, ApplicationStatus, OpportunityStatus, PlacementStatus
from deployments.models import Application, ApplicationEvent, Placement, ReviewAssignment
from deployments.transitions import APPLICATION_TRANSITIONS
from notifications.models import Notification
from tests.factories import (
    ApplicationFactory,
    ApplicationReleaseFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    ProjectFactory,
    ReviewAssignmentFactory,
    UserFactory,
)
from tests.factories.volunteers import CompleteVolunteerProfileFactory, VolunteerProfileFactory

pytestmark = pytest.mark.django_db
AS = ApplicationStatus


@pytest.fixture
def opportunity(programme, host_partner):
    return OpportunityFactory(
        project=ProjectFactory(programme=programme, host_partner=host_partner),
        seats=2,
        questions="Why Nepal?",
    )


@pytest.fixture
def applicant():
    return CompleteVolunteerProfileFactory().user


def application_in(status, *, opportunity, volunteer=None, **fields):
    application = ApplicationFactory(
        opportunity=opportunity,
        volunteer=volunteer or CompleteVolunteerProfileFactory().user,
        status=status,
        answers={"Why Nepal?": "To teach and to learn."},
        **fields,
    )
    if status == AS.PARTNER_REVIEW:
        ApplicationReleaseFactory(
            application=application, organisation=opportunity.project.host_partner
        )
    return application


def actor_for(application, actor, coordinator):
    return application.volunteer if actor == Actor.VOLUNTEER else coordinator


ALL_PAIRS = [pair for pair in itertools.product(AS.values, repeat=2) if pair[0] != pair[1]]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_every_transition_is_allowed_exactly_when_the_table_says(
    source, target, opportunity, coordinator
):
    application = application_in(source, opportunity=opportunity)
    if target == AS.PARTNER_REVIEW:
        ApplicationReleaseFactory(
            application=application, organisation=opportunity.project.host_partner
        )
    rule = APPLICATION_TRANSITIONS.get((source, target))
    people = (
        [application.volunteer, coordinator]
        if rule is None
        else [actor_for(application, rule[0], coordinator)]
    )

    for person in people:
        if rule is None:
            with pytest.raises(ValidationError) as refusal:
                services.application_transition(
                    application=application, to_status=target, by=person, note="Reason"
                )
            assert refusal.value.code == "transition_not_allowed"
            application.refresh_from_db()
            assert application.status == source
        else:
            moved = services.application_transition(
                application=application, to_status=target, by=person, note="Reason"
            )
            assert moved.status == target
            assert ApplicationEvent.objects.get(application=application).to_status == target


@pytest.mark.parametrize(("pair", "rule"), APPLICATION_TRANSITIONS.items())
def test_only_the_right_person_may_make_each_move(pair, rule, opportunity, coordinator, volunteer):
    source, target = pair
    application = application_in(source, opportunity=opportunity)
    wrong = coordinator if rule[0] == Actor.VOLUNTEER else application.volunteer

    for person in (wrong, volunteer):
        with pytest.raises(ValidationError) as refusal:
            services.application_transition(
                application=application, to_status=target, by=person, note="Reason"
            )
        assert refusal.value.code == "not_allowed"
    application.refresh_from_db()
    assert application.status == source


def test_moving_to_the_current_state_changes_nothing(opportunity, coordinator):
    application = application_in(AS.SCREENING, opportunity=opportunity)

    services.application_transition(application=application, to_status=AS.SCREENING, by=coordinator)

    assert not ApplicationEvent.objects.exists()


def test_an_unknown_state_is_refused_clearly(opportunity, coordinator):
    application = application_in(AS.SUBMITTED, opportunity=opportunity)

    with pytest.raises(ValidationError, match="is not an application status"):
        services.application_transition(application=application, to_status="hired", by=coordinator)


def test_each_move_records_who_when_and_why(opportunity, coordinator):
    application = application_in(AS.SUBMITTED, opportunity=opportunity)

    services.application_transition(
        application=application, to_status=AS.SCREENING, by=coordinator, note="Strong profile"
    )

    event = ApplicationEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        AS.SUBMITTED,
        AS.SCREENING,
        coordinator,
        "Strong profile",
    )
    assert event.created_at is not None


# Drafts and submission --------------------------------------------------------------------


def test_a_draft_is_saved_and_updated(opportunity, applicant):
    services.application_save_draft(
        volunteer=applicant, opportunity=opportunity, motivation="First", answers={}
    )
    draft = services.application_save_draft(
        volunteer=applicant,
        opportunity=opportunity,
        motivation="Second",
        answers={"Why Nepal?": "Mountains and schools", "Not a question": "ignored"},
    )

    assert Application.objects.get() == draft
    assert draft.motivation == "Second"
    assert draft.answers == {"Why Nepal?": "Mountains and schools"}
    assert draft.status == AS.DRAFT


def test_a_submitted_application_cannot_be_edited(opportunity, applicant):
    application_in(AS.SUBMITTED, opportunity=opportunity, volunteer=applicant)

    with pytest.raises(ValidationError, match="already applied"):
        services.application_save_draft(
            volunteer=applicant, opportunity=opportunity, motivation="Changed", answers={}
        )


def submit(application):
    return services.application_transition(
        application=application, to_status=AS.SUBMITTED, by=application.volunteer
    )


def test_submission_stamps_the_time_and_tells_the_coordinators(opportunity, coordinator):
    application = application_in(AS.DRAFT, opportunity=opportunity)

    submit(application)

    application.refresh_from_db()
    assert application.submitted_at is not None
    assert Notification.objects.filter(recipient=coordinator).count() == 1
    assert Notification.objects.filter(recipient=application.volunteer).count() == 1


def test_submission_needs_a_complete_profile_and_says_what_is_missing(opportunity):
    person = VolunteerProfileFactory(city="Beijing").user
    application = application_in(AS.DRAFT, opportunity=opportunity, volunteer=person)

    with pytest.raises(ValidationError) as refusal:
        submit(application)

    message = " ".join(refusal.value.messages)
    assert "Complete your profile first" in message
    assert "Upload your CV" in message
    application.refresh_from_db()
    assert application.status == AS.DRAFT


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": OpportunityStatus.CLOSED}, "not open for applications"),
        (
            {"application_deadline": timezone.now() - datetime.timedelta(minutes=1)},
            "deadline for this opportunity has passed",
        ),
    ],
)
def test_submission_needs_an_open_opportunity_before_its_deadline(opportunity, change, message):
    application = application_in(AS.DRAFT, opportunity=opportunity)
    type(opportunity).objects.filter(pk=opportunity.pk).update(**change)

    with pytest.raises(ValidationError, match=message):
        submit(application)


def test_submission_needs_a_motivation_and_every_answer(opportunity):
    application = application_in(AS.DRAFT, opportunity=opportunity, motivation="")
    application.answers = {}
    application.save()

    with pytest.raises(ValidationError) as refusal:
        submit(application)

    message = " ".join(refusal.value.messages)
    assert "write your motivation" in message
    assert "Why Nepal?" in message


def test_one_application_per_volunteer_and_opportunity_in_the_database(opportunity, applicant):
    from django.db import IntegrityError

    application_in(AS.SUBMITTED, opportunity=opportunity, volunteer=applicant)

    with pytest.raises(IntegrityError):
        ApplicationFactory(opportunity=opportunity, volunteer=applicant)


# Offers, seats and acceptance -------------------------------------------------------------


def offer(application, coordinator):
    return services.application_transition(
        application=application, to_status=AS.OFFERED, by=coordinator
    )


def test_offers_never_exceed_the_free_seats(opportunity, coordinator):
    first, second, third = (application_in(AS.SHORTLISTED, opportunity=opportunity) for _ in "abc")
    offer(first, coordinator)
    offer(second, coordinator)

    with pytest.raises(ValidationError) as refusal:
        offer(third, coordinator)

    assert refusal.value.code == "no_seat"
    third.refresh_from_db()
    assert third.status == AS.SHORTLISTED


def test_a_declined_offer_frees_its_seat(opportunity, coordinator):
    opportunity.seats = 1
    opportunity.save()
    first, second = (application_in(AS.SHORTLISTED, opportunity=opportunity) for _ in "ab")
    offer(first, coordinator)

    services.application_transition(application=first, to_status=AS.DECLINED, by=first.volunteer)

    assert offer(second, coordinator).status == AS.OFFERED


def test_accepting_creates_the_placement_for_the_planned_period(opportunity, coordinator):
    opportunity.starts_on = datetime.date(2027, 1, 31)
    opportunity.duration_months = 6
    opportunity.save()
    application = application_in(AS.OFFERED, opportunity=opportunity)

    services.application_transition(
        application=application, to_status=AS.ACCEPTED, by=application.volunteer
    )

    placement = Placement.objects.get()
    assert placement.application == application
    assert placement.volunteer == application.volunteer
    assert placement.project == opportunity.project
    assert (placement.planned_start, placement.planned_end) == (
        datetime.date(2027, 1, 31),
        datetime.date(2027, 7, 31),
    )
    assert placement.status == PlacementStatus.PRE_DEPARTURE
    assert Notification.objects.filter(recipient=coordinator).exists()


def test_accepting_an_offer_starting_near_year_9999_is_refused_with_a_reason(opportunity):
    # Stored before dates were bounded: the placement's end would overflow.
    opportunity.starts_on = datetime.date(9999, 10, 1)
    opportunity.duration_months = 6
    opportunity.save()
    application = application_in(AS.OFFERED, opportunity=opportunity)

    with pytest.raises(ValidationError) as refusal:
        services.application_transition(
            application=application, to_status=AS.ACCEPTED, by=application.volunteer
        )

    assert refusal.value.code == "date_out_of_range"
    application.refresh_from_db()
    assert (application.status, Placement.objects.count()) == (AS.OFFERED, 0)


def test_the_opportunity_is_filled_when_every_seat_is_accepted(opportunity, coordinator):
    for _ in range(opportunity.seats):
        application = application_in(AS.OFFERED, opportunity=opportunity)
        services.application_transition(
            application=application, to_status=AS.ACCEPTED, by=application.volunteer
        )

    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.FILLED


def test_rejection_needs_a_reason_and_tells_the_volunteer(opportunity, coordinator):
    application = application_in(AS.SCREENING, opportunity=opportunity)

    with pytest.raises(ValidationError, match="Give the reason"):
        services.application_transition(
            application=application, to_status=AS.REJECTED, by=coordinator, note="  "
        )
    services.application_transition(
        application=application, to_status=AS.REJECTED, by=coordinator, note="Seats filled."
    )

    application.refresh_from_db()
    assert application.rejection_reason == "Seats filled."
    notification = Notification.objects.get(recipient=application.volunteer)
    assert notification.message == "Seats filled."


def test_bulk_moves_each_application_on_its_own(opportunity, coordinator):
    ready = application_in(AS.SUBMITTED, opportunity=opportunity)
    accepted = application_in(AS.ACCEPTED, opportunity=opportunity)

    done, refused = services.application_bulk_transition(
        applications=[ready, accepted], to_status=AS.SCREENING, by=coordinator
    )

    assert [a.pk for a in done] == [ready.pk]
    assert [a.pk for a, _reason in refused] == [accepted.pk]


# Partner review ----------------------------------------------------------------------------


def reviewer_of(organisation, name):
    person = UserFactory(name=name)
    MembershipFactory(user=person, organisation=organisation, is_reviewer=True)
    return person


def test_release_assigns_the_reviewer_with_the_fewest_open_reviews(
    opportunity, coordinator, host_partner
):
    busy, free = reviewer_of(host_partner, "Anil"), reviewer_of(host_partner, "Bina")
    ReviewAssignmentFactory(reviewer=busy, organisation=host_partner)
    application = application_in(AS.SCREENING, opportunity=opportunity)

    services.application_release(
        application=application, organisations=[host_partner], by=coordinator
    )

    application.refresh_from_db()
    assert application.status == AS.PARTNER_REVIEW
    assert list(application.assignments.values_list("reviewer", flat=True)) == [free.pk]
    assert Notification.objects.filter(recipient=free).count() == 1


def test_release_spreads_applications_evenly(opportunity, coordinator, host_partner):
    reviewers = [reviewer_of(host_partner, name) for name in ("Anil", "Bina", "Chandra")]
    for _ in range(6):
        services.application_release(
            application=application_in(AS.SCREENING, opportunity=opportunity),
            organisations=[host_partner],
            by=coordinator,
        )

    loads = [ReviewAssignment.objects.filter(reviewer=person).count() for person in reviewers]
    assert loads == [2, 2, 2]


def test_release_to_chosen_reviewers(opportunity, coordinator, host_partner):
    reviewer_of(host_partner, "Anil")
    chosen = reviewer_of(host_partner, "Bina")
    application = application_in(AS.SCREENING, opportunity=opportunity)

    services.application_release(
        application=application, organisations=[host_partner], reviewers=[chosen], by=coordinator
    )

    assert list(application.assignments.values_list("reviewer", flat=True)) == [chosen.pk]


def test_release_refuses_a_reviewer_of_another_organisation(opportunity, coordinator, host_partner):
    outsider = reviewer_of(OrganisationFactory(), "Outsider")
    application = application_in(AS.SCREENING, opportunity=opportunity)

    with pytest.raises(ValidationError, match="not a reviewer"):
        services.application_release(
            application=application,
            organisations=[host_partner],
            reviewers=[outsider],
            by=coordinator,
        )


def test_release_needs_an_organisation_and_a_coordinator(opportunity, host_partner, volunteer):
    application = application_in(AS.SCREENING, opportunity=opportunity)

    with pytest.raises(ValidationError, match="at least one partner"):
        services.application_release(application=application, organisations=[], by=volunteer)
    with pytest.raises(ValidationError, match="Only a coordinator"):
        services.application_release(
            application=application, organisations=[host_partner], by=volunteer
        )


def released_to(reviewer, opportunity, host_partner, coordinator):
    application = application_in(AS.SCREENING, opportunity=opportunity)
    services.application_release(
        application=application, organisations=[host_partner], reviewers=[reviewer], by=coordinator
    )
    return application


def test_an_assigned_reviewer_scores_the_candidate(opportunity, host_partner, coordinator):
    reviewer = reviewer_of(host_partner, "Anil")
    application = released_to(reviewer, opportunity, host_partner, coordinator)

    review = services.review_submit(
        application=application,
        reviewer=reviewer,
        skills_fit=5,
        language=4,
        motivation=4,
        intercultural_readiness=3,
        recommendation="recommend",
        comment="Good fit",
    )

    assert review.mean_score == 4.0
    assert review.organisation == host_partner


def test_only_assigned_reviewers_may_review(opportunity, host_partner, coordinator):
    reviewer_of(host_partner, "Anil")
    stranger = reviewer_of(host_partner, "Bina")
    application = released_to(
        reviewer_of(host_partner, "Chandra"), opportunity, host_partner, coordinator
    )

    with pytest.raises(ValidationError, match="not waiting for your review"):
        services.review_submit(
            application=application,
            reviewer=stranger,
            skills_fit=5,
            language=4,
            motivation=4,
            intercultural_readiness=3,
            recommendation="recommend",
        )


def test_a_conflict_of_interest_hands_the_review_to_another_reviewer(
    opportunity, host_partner, coordinator
):
    conflicted = reviewer_of(host_partner, "Anil")
    other = reviewer_of(host_partner, "Bina")
    application = released_to(conflicted, opportunity, host_partner, coordinator)

    services.review_declare_conflict(
        application=application, reviewer=conflicted, comment="My cousin"
    )

    assert list(application.assignments.values_list("reviewer", flat=True)) == [other.pk]
    review = application.reviews.get(reviewer=conflicted)
    assert review.conflict_of_interest and review.mean_score is None
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.review_assign(
            application=application, reviewer=conflicted, organisation=host_partner, by=coordinator
        )


def test_when_no_reviewer_is_left_the_coordinators_hear_of_it(
    opportunity, host_partner, coordinator
):
    only = reviewer_of(host_partner, "Anil")
    application = released_to(only, opportunity, host_partner, coordinator)

    services.review_declare_conflict(application=application, reviewer=only)

    assert not application.assignments.exists()
    assert Notification.objects.filter(
        recipient=coordinator, subject__contains="No reviewer"
    ).exists()

"""Erasure anonymises what feeds statistics, deletes the rest and the files, and ends sign-in."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from deployments.enums import ApplicationStatus, PlacementStatus
from deployments.models import ActivityLog, Application, CheckIn, Placement
from privacy import selectors, services
from privacy.enums import ErasureStatus
from privacy.models import ErasureRequest
from reports.sources import PlacementsSource, ReportFilters, source_for
from tests.factories import ApplicationFactory, OpportunityFactory, PlacementFactory, UserFactory
from users.models import User
from volunteers.models import Document, VolunteerProfile

from .conftest import fresh, private_files

pytestmark = pytest.mark.django_db


def summary_totals() -> list[dict]:
    """The programme summary's totals and the placements per country, as reports compute them."""
    filters = ReportFilters()
    rows = list(source_for("programme_summary").rows(filters))
    keys = ("applications", "volunteers", "hours", "women", "men", "girls", "boys")
    totals = [{key: row[key] for key in keys} for row in rows]
    return [*totals, {"placements per country": PlacementsSource().chart(filters)}]


def request_for(person, reason="I have come home and want my data gone.") -> ErasureRequest:
    return services.erasure_request_create(user=fresh(person), reason=reason)


def carry_out(erasure_request, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.erasure_carry_out(erasure_request_id=erasure_request.pk, by=fresh(by))


def test_erasure_keeps_the_programme_totals_and_leaves_no_file(
    completed_volunteer, coordinator, client, django_capture_on_commit_callbacks
):
    assert EmailAddress.objects.filter(user=completed_volunteer).exists()
    client.force_login(completed_volunteer)
    before = summary_totals()
    files_before = private_files()
    assert files_before  # a CV, a passport, a photo and its thumbnail

    erasure_request = carry_out(
        request_for(completed_volunteer), coordinator, django_capture_on_commit_callbacks
    )

    assert summary_totals() == before
    assert private_files() == set()
    person = fresh(completed_volunteer)
    assert person.name == f"Erased person #{person.pk}"
    assert person.email.endswith(".invalid")
    assert (person.is_active, person.has_usable_password()) == (False, False)
    assert not VolunteerProfile.objects.filter(user=person).exists()
    assert not Document.objects.filter(owner=person).exists()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert Session.objects.count() == 0
    log = ActivityLog.objects.get(placement__volunteer=person)
    assert (log.description, log.place, log.hours, log.girls) == ("", "", 4, 10)
    assert log.photos.count() == 0
    assert CheckIn.objects.get(placement__volunteer=person).note == ""
    application = Application.objects.get(volunteer=person)
    assert (application.status, application.motivation) == (ApplicationStatus.ACCEPTED, "")
    assert Placement.objects.get(volunteer=person).status == PlacementStatus.COMPLETED
    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.DONE
    assert erasure_request.carried_out_by == coordinator
    assert erasure_request.reason == ""
    assert erasure_request.subject_id == person.pk


def test_erased_person_cannot_sign_in(
    completed_volunteer, administrator, client, django_capture_on_commit_callbacks
):
    completed_volunteer.set_password("field-work-2026")
    completed_volunteer.save()
    email = completed_volunteer.email
    carry_out(request_for(completed_volunteer), administrator, django_capture_on_commit_callbacks)

    response = client.post(
        reverse("account_login"), {"login": email, "password": "field-work-2026"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert client.login(email=email, password="field-work-2026") is False


@pytest.mark.parametrize(
    "state",
    [
        {"placement": PlacementStatus.IN_COUNTRY},
        {"placement": PlacementStatus.PRE_DEPARTURE},
        {"application": ApplicationStatus.SHORTLISTED},
    ],
)
def test_blocked_erasure_gives_the_reason_and_changes_nothing(
    state, project, coordinator, django_capture_on_commit_callbacks
):
    person = UserFactory(name="Wang Fang")
    opportunity = OpportunityFactory(project=project)
    if "placement" in state:
        PlacementFactory(
            application__volunteer=person,
            application__opportunity=opportunity,
            status=state["placement"],
        )
    else:
        ApplicationFactory(volunteer=person, opportunity=opportunity, status=state["application"])
    erasure_request = request_for(person)

    with pytest.raises(ValidationError) as raised:
        carry_out(erasure_request, coordinator, django_capture_on_commit_callbacks)

    assert opportunity.title in raised.value.messages[0]
    assert fresh(person).name == "Wang Fang"
    assert fresh(person).is_active
    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.PENDING


def test_only_coordinators_of_the_persons_programme_or_administrators_carry_out(
    completed_volunteer, django_capture_on_commit_callbacks
):
    erasure_request = request_for(completed_volunteer)
    outsider = UserFactory()
    other_coordinator = UserFactory()
    from tests.factories import ProgrammeFactory

    ProgrammeFactory().coordinators.add(other_coordinator)

    for person in (outsider, other_coordinator, completed_volunteer):
        with pytest.raises(PermissionDenied):
            carry_out(erasure_request, person, django_capture_on_commit_callbacks)
        assert list(selectors.erasure_request_list(viewer=fresh(person))) == []


def test_erasure_requested_from_the_profile_with_a_confirmation(client, volunteer):
    client.force_login(volunteer)
    url = reverse("privacy:erasure-request")
    assert client.get(url).status_code == 200

    page = client.post(url, {"reason": "Moving on"})
    assert "confirm_step" in page.content.decode()
    assert not ErasureRequest.objects.exists()

    client.post(url, {"reason": "Moving on", "confirm_step": "1"})  # not confirmed
    assert not ErasureRequest.objects.exists()

    response = client.post(url, {"reason": "Moving on", "confirm_step": "1", "confirm": "on"})
    assert response.url == reverse("privacy:overview")
    assert ErasureRequest.objects.get().subject == volunteer


def test_coordinator_lists_and_carries_out_after_confirming(
    client, completed_volunteer, coordinator
):
    erasure_request = request_for(completed_volunteer)
    client.force_login(coordinator)
    listing = client.get(reverse("privacy:erasure-list"))
    detail = reverse("privacy:erasure-detail", args=[erasure_request.pk])
    assert detail in listing.content.decode()

    assert client.post(detail, {}).status_code == 400
    assert fresh(completed_volunteer).is_active
    client.post(detail, {"confirm": "on"})
    assert not fresh(completed_volunteer).is_active


def test_erasure_pages_closed_to_others(client, completed_volunteer, volunteer):
    erasure_request = request_for(completed_volunteer)
    client.force_login(volunteer)
    assert client.get(reverse("privacy:erasure-list")).status_code == 403
    detail = reverse("privacy:erasure-detail", args=[erasure_request.pk])
    assert client.get(detail).status_code == 404


def test_dates_kept(completed_volunteer, administrator, django_capture_on_commit_callbacks):
    log_date = ActivityLog.objects.get(placement__volunteer=completed_volunteer).date
    carry_out(request_for(completed_volunteer), administrator, django_capture_on_commit_callbacks)
    assert ActivityLog.objects.get(placement__volunteer_id=completed_volunteer.pk).date == log_date
    assert isinstance(log_date, datetime.date)
    assert User.objects.filter(pk=completed_volunteer.pk).exists()


def test_administrator_cannot_carry_out_their_own_erasure(client, administrator):
    """`user.has_perm` lets a superuser through every rule; this one is asked of the rules."""
    erasure_request = request_for(administrator)
    client.force_login(administrator)
    detail = reverse("privacy:erasure-detail", args=[erasure_request.pk])
    assert client.post(detail, {"confirm": "on"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.erasure_carry_out(erasure_request_id=erasure_request.pk, by=fresh(administrator))
    listing = client.get(reverse("privacy:erasure-list"))
    assert detail not in listing.content.decode()
    assert fresh(administrator).is_active


@pytest.mark.parametrize("count", [1, 3])
def test_erasure_list_costs_a_fixed_number_of_queries(
    client, administrator, django_assert_num_queries, count
):
    for _ in range(count):
        request_for(UserFactory())
    client.force_login(administrator)
    # session, user, count, the page; the layout: programmes, memberships, unread notifications
    with django_assert_num_queries(7):
        response = client.get(reverse("privacy:erasure-list"))
    assert len(response.context["erasure_requests"]) == count

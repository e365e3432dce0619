"""The field-write contract with the offline app: logs and check-ins sent with an
Idempotency-Key, the volunteer's placements, and corrections until a log is approved."""

import datetime
import uuid

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from deployments.enums import ActivityLogStatus, CheckInStatus, PlacementStatus
from deployments.models import ActivityLog, CheckIn
from tests.api.conftest import jpeg_file
from tests.factories import (
    ActivityLogFactory,
    PlacementFactory,
    UserFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

LOGS = "/api/v1/activity-logs/"
CHECK_INS = "/api/v1/check-ins/"


def log_fields(placement, **changes):
    return {
        "placement": placement.pk,
        "date": timezone.localdate().isoformat(),
        "hours": "3.5",
        "activity_type": "teaching",
        "description": "Taught fractions to grade 5.",
        "women": 1,
        "girls": 12,
        "boys": 9,
        "place": "Shree School",
        **changes,
    }


def key_header(key=None):
    return {"HTTP_IDEMPOTENCY_KEY": key or str(uuid.uuid4())}


def test_log_created_with_photos_answers_201_with_the_log(volunteer_api, placement):
    response = volunteer_api.post(
        LOGS,
        {**log_fields(placement), "photos": [jpeg_file(), jpeg_file("b.jpg", "red")]},
        format="multipart",
        **key_header(),
    )

    assert response.status_code == 201, response.content
    log = ActivityLog.objects.get()
    assert response.json()["id"] == log.pk
    assert response.json()["status"] == ActivityLogStatus.SUBMITTED
    assert response.json()["hours"] == "3.5"
    assert [photo["thumbnail_url"] for photo in response.json()["photos"]] == [
        f"/photos/{photo.pk}/thumbnail/" for photo in log.photos.order_by("pk")
    ]


def test_log_sent_twice_with_one_key_makes_one_log_and_answers_the_same(volunteer_api, placement):
    key = key_header()
    first = volunteer_api.post(LOGS, log_fields(placement), format="json", **key)
    second = volunteer_api.post(LOGS, log_fields(placement), format="json", **key)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == first.json()
    assert ActivityLog.objects.count() == 1


def test_log_retried_with_its_photo_makes_one_log_with_one_photo(volunteer_api, placement):
    key = key_header()
    answers = [
        volunteer_api.post(
            LOGS, {**log_fields(placement), "photos": [jpeg_file()]}, format="multipart", **key
        )
        for _ in range(2)
    ]

    assert [answer.status_code for answer in answers] == [201, 200]
    assert ActivityLog.objects.get().photos.count() == 1


def test_key_reused_for_another_log_is_refused_and_makes_nothing(volunteer_api, placement):
    key = key_header()
    volunteer_api.post(LOGS, log_fields(placement), format="json", **key)
    response = volunteer_api.post(LOGS, log_fields(placement, hours="2"), format="json", **key)

    assert response.status_code == 422
    assert list(ActivityLog.objects.values_list("hours", flat=True)) == [3.5]


def test_the_same_key_of_another_person_is_theirs(token_client, placement, volunteer):
    other = PlacementFactory(status=PlacementStatus.IN_COUNTRY)
    key = key_header()
    token_client(volunteer).post(LOGS, log_fields(placement), format="json", **key)
    response = token_client(other.volunteer).post(LOGS, log_fields(other), format="json", **key)

    assert response.status_code == 201
    assert ActivityLog.objects.count() == 2


def test_log_without_a_key_is_refused(volunteer_api, placement):
    response = volunteer_api.post(LOGS, log_fields(placement), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["Idempotency-Key"]
    assert not ActivityLog.objects.exists()


def test_invalid_log_answers_400_by_field_and_leaves_the_key_free(volunteer_api, placement):
    key = key_header()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    bad = volunteer_api.post(
        LOGS, log_fields(placement, date=tomorrow, hours="25"), format="json", **key
    )
    good = volunteer_api.post(LOGS, log_fields(placement), format="json", **key)

    assert bad.status_code == 400
    assert sorted(bad.json()) == ["date", "hours"]
    assert good.status_code == 201


def test_errors_are_in_the_language_asked_for(volunteer_api, placement):
    response = volunteer_api.post(
        LOGS,
        log_fields(placement, hours="25"),
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **key_header(),
    )

    with translation.override("zh-hans"):
        expected = gettext("Hours must be more than 0 and at most 24.")
    assert expected != "Hours must be more than 0 and at most 24."
    assert response.status_code == 400
    assert response.json()["hours"][0] == expected


def test_log_on_someone_elses_placement_is_refused(volunteer_api, placement):
    other = PlacementFactory(status=PlacementStatus.IN_COUNTRY)

    response = volunteer_api.post(LOGS, log_fields(other), format="json", **key_header())

    assert response.status_code == 400
    assert list(response.json()) == ["placement"]
    assert not ActivityLog.objects.exists()


def test_coordinator_cannot_log_for_the_volunteer(token_client, coordinator, placement):
    response = token_client(coordinator).post(
        LOGS, log_fields(placement), format="json", **key_header()
    )

    assert response.status_code == 403
    assert not ActivityLog.objects.exists()


def test_log_before_the_placement_went_in_country_is_refused(token_client, volunteer):
    waiting = PlacementFactory(application__volunteer=volunteer)

    response = token_client(volunteer).post(
        LOGS, log_fields(waiting), format="json", **key_header()
    )

    assert response.status_code == 403


def test_check_in_sent_twice_with_one_key_makes_one(volunteer_api, placement):
    key = key_header()
    body = {"placement": placement.pk, "status": CheckInStatus.NEEDS_SUPPORT, "note": "Flooding"}
    first = volunteer_api.post(CHECK_INS, body, format="json", **key)
    second = volunteer_api.post(CHECK_INS, body, format="json", **key)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert list(CheckIn.objects.values_list("status", "note")) == [
        (CheckInStatus.NEEDS_SUPPORT, "Flooding")
    ]


def test_check_in_with_an_unknown_status_answers_400(volunteer_api, placement):
    response = volunteer_api.post(
        CHECK_INS, {"placement": placement.pk, "status": "fine"}, format="json", **key_header()
    )

    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    assert not CheckIn.objects.exists()


def test_my_placements_say_what_the_volunteer_may_do(volunteer_api, placement, volunteer):
    waiting = PlacementFactory(application__volunteer=volunteer)
    PlacementFactory(status=PlacementStatus.IN_COUNTRY)  # someone else's

    rows = volunteer_api.get("/api/v1/me/placements/").json()["results"]

    assert {row["id"]: (row["can_log_activity"], row["can_check_in"]) for row in rows} == {
        placement.pk: (True, True),
        waiting.pk: (False, False),
    }
    assert volunteer_api.get("/api/v1/placements/?mine=1").json()["results"] == rows


def test_coordinator_placements_mine_is_empty(token_client, coordinator, placement):
    client = token_client(coordinator)

    assert [row["id"] for row in client.get("/api/v1/placements/").json()["results"]] == [
        placement.pk
    ]
    assert client.get("/api/v1/placements/?mine=1").json()["results"] == []


def test_log_corrected_while_submitted(volunteer_api, placement):
    log = ActivityLogFactory(placement=placement, hours=2)

    response = volunteer_api.patch(
        f"{LOGS}{log.pk}/", {"hours": "4", "description": "Two classes."}, format="json"
    )

    assert response.status_code == 200, response.content
    log.refresh_from_db()
    assert (log.hours, log.description, log.activity_type) == (4, "Two classes.", "teaching")


def test_returned_log_corrected_goes_back_for_review(volunteer_api, placement, coordinator):
    log = ActivityLogFactory(
        placement=placement,
        status=ActivityLogStatus.RETURNED,
        review_comment="Add the place.",
        reviewed_at=timezone.now(),
        reviewed_by=coordinator,
    )

    response = volunteer_api.patch(f"{LOGS}{log.pk}/", {"place": "Shree School"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == ActivityLogStatus.SUBMITTED


def test_log_approved_meanwhile_answers_409_with_the_log(volunteer_api, placement, coordinator):
    log = ActivityLogFactory(
        placement=placement,
        status=ActivityLogStatus.APPROVED,
        reviewed_at=timezone.now(),
        reviewed_by=coordinator,
        hours=2,
    )

    response = volunteer_api.patch(f"{LOGS}{log.pk}/", {"hours": "5"}, format="json")

    assert response.status_code == 409
    assert (response.json()["id"], response.json()["status"], response.json()["hours"]) == (
        log.pk,
        ActivityLogStatus.APPROVED,
        "2.0",
    )
    log.refresh_from_db()
    assert log.hours == 2


def test_only_the_author_corrects_a_log(token_client, placement, coordinator):
    log = ActivityLogFactory(placement=placement, hours=2)

    response = token_client(coordinator).patch(f"{LOGS}{log.pk}/", {"hours": "5"}, format="json")

    assert response.status_code == 403


def test_another_tenants_log_is_not_found(token_client, placement):
    log = ActivityLogFactory(placement=placement)
    outsider = token_client(UserFactory())

    assert outsider.get(f"{LOGS}{log.pk}/").status_code == 404
    assert outsider.patch(f"{LOGS}{log.pk}/", {"hours": "1"}, format="json").status_code == 404


def test_session_needs_the_csrf_token(volunteer, placement):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(volunteer)
    refused = browser.post(LOGS, log_fields(placement), format="json", **key_header())
    page = browser.get("/")
    token = page.cookies["csrftoken"].value
    accepted = browser.post(
        LOGS, log_fields(placement), format="json", HTTP_X_CSRFTOKEN=token, **key_header()
    )

    assert (refused.status_code, accepted.status_code) == (403, 201)


def test_monthly_report_sent_twice_with_one_key_makes_one(volunteer_api, placement):
    key = key_header()
    body = {
        "placement": placement.pk,
        "month": f"{timezone.localdate():%Y-%m}",
        "achievements": "Opened a library corner.",
    }
    first = volunteer_api.post("/api/v1/monthly-reports/", body, format="json", **key)
    second = volunteer_api.post("/api/v1/monthly-reports/", body, format="json", **key)
    another = volunteer_api.post("/api/v1/monthly-reports/", body, format="json", **key_header())

    assert (first.status_code, second.status_code, another.status_code) == (201, 200, 400)
    assert second.json() == first.json()
    assert list(another.json()) == ["month"]
    assert placement.monthly_reports.count() == 1


def test_the_volunteer_reads_their_profile(volunteer_api, volunteer):
    VolunteerProfileFactory(user=volunteer, city="Chengdu")

    response = volunteer_api.get("/api/v1/me/profile/")

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["city"]) == ("Li Wei", "Chengdu")


def test_without_a_profile_there_is_none_to_read(token_client, coordinator):
    assert token_client(coordinator).get("/api/v1/me/profile/").status_code == 404


def test_an_administrator_is_not_told_they_may_log(token_client, administrator, placement):
    rows = token_client(administrator).get("/api/v1/placements/").json()["results"]

    assert [(row["id"], row["can_log_activity"], row["can_check_in"]) for row in rows] == [
        (placement.pk, False, False)
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_placement_list_queries(
    token_client, coordinator, programme, django_assert_max_num_queries, rows
):
    PlacementFactory.create_batch(
        rows,
        status=PlacementStatus.IN_COUNTRY,
        application__opportunity__project__programme=programme,
    )
    client = token_client(coordinator)

    # token, its last use, the viewer's programmes and memberships, count, rows
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/placements/").json()["results"]) == rows


def test_a_photo_is_added_to_a_log_being_corrected(volunteer_api, placement):
    log = ActivityLogFactory(placement=placement, hours=2)

    response = volunteer_api.patch(
        f"{LOGS}{log.pk}/", {"photos": [jpeg_file()]}, format="multipart"
    )

    assert response.status_code == 200, response.content
    assert len(response.json()["photos"]) == 1
    log.refresh_from_db()
    assert (log.photos.count(), log.hours) == (1, 2)

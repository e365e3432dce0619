"""Placement pages: the board and its filters, forms for a phone, reviews, check-ins, the
certificate, and a fixed query budget at two data sizes for every list."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from deployments import services
from deployments.enums import ActivityLogStatus, CheckInStatus, IndicatorSource, PlacementStatus
from deployments.models import ActivityLog, CheckIn, MonthlyReport, Placement
from deployments.views.placements import PLACEMENT_LOGS_PER_PAGE, TIMELINE_SHOWN
from tests import optional
from tests.factories import (
    ActivityLogFactory,
    CheckInFactory,
    CompleteVolunteerProfileFactory,
    IndicatorFactory,
    OpportunityFactory,
    PlacementFactory,
    ProjectFactory,
)
from tests.optional import weasyprint_or_skip

pytestmark = pytest.mark.django_db

PS = PlacementStatus
IS = IndicatorSource


@pytest.fixture
def placement(recruiting_project, volunteer):
    return PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=recruiting_project),
        status=PS.IN_COUNTRY,
    )


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "orange").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def board_rows(programme, host_partner, count):
    for number in range(count):
        project = ProjectFactory(
            programme=programme, host_partner=host_partner, host_country=["NP", "MM"][number % 2]
        )
        placement = PlacementFactory(
            application__opportunity=OpportunityFactory(project=project), status=PS.IN_COUNTRY
        )
        ActivityLogFactory.create_batch(2, placement=placement)
        CheckInFactory(placement=placement)


@pytest.mark.parametrize("rows", [1, 4])
@pytest.mark.parametrize("viewer", ["coordinator", "partner_member"])
def test_the_board_query_budget(
    request, client, programme, host_partner, django_assert_max_num_queries, rows, viewer
):
    """For a coordinator and a host partner's supervisor; only the coordinator reviews logs."""
    board_rows(programme, host_partner, rows)
    client.force_login(request.getfixturevalue(viewer))

    with django_assert_max_num_queries(8):
        response = client.get(reverse("deployments:placement-list"))

    assert len(response.context["page_obj"]) == rows
    shows_review_link = "Activity logs to review" in response.content.decode()
    assert shows_review_link == (viewer == "coordinator")


def test_the_board_filters_by_state_and_country(client, coordinator, programme, host_partner):
    board_rows(programme, host_partner, 4)
    PlacementFactory(
        application__opportunity=OpportunityFactory(
            project=ProjectFactory(programme=programme, host_country="MM")
        )
    )
    client.force_login(coordinator)

    in_country_mm = client.get(
        reverse("deployments:placement-list"), {"status": "in_country", "country": "mm"}
    )
    bad = client.get(reverse("deployments:placement-list"), {"country": "XX", "status": "lost"})

    assert [p.project.host_country.code for p in in_country_mm.context["page_obj"]] == ["MM"] * 2
    assert {p.status for p in in_country_mm.context["page_obj"]} == {PS.IN_COUNTRY}
    assert bad.status_code == 200
    assert len(bad.context["page_obj"]) == 5


def test_the_board_pages_follow_its_order_and_counts(
    client, coordinator, programme, host_partner, settings
):
    """The page's ids come first from a lean query, then its rows: the pages together are the
    board's order, and the tabs' counts stand for the paginator's."""
    for number in range(23):
        PlacementFactory(
            application__opportunity=OpportunityFactory(
                project=ProjectFactory(
                    programme=programme,
                    host_partner=host_partner,
                    host_country=["NP", "MM"][number % 2],
                )
            ),
            status=[PS.IN_COUNTRY, PS.PRE_DEPARTURE, PS.COMPLETED][number % 3],
            planned_start=datetime.date(2026, 1, 1) + datetime.timedelta(days=number * 7 % 30),
        )
    client.force_login(coordinator)
    board = reverse("deployments:placement-list")

    pages = [client.get(board, {"page": number}).context["page_obj"] for number in (1, 2)]
    mm = client.get(board, {"country": "MM", "page": 2}).context["page_obj"]
    completed = client.get(board, {"status": PS.COMPLETED}).context["page_obj"]

    expected = sorted(
        Placement.objects.select_related("project"),
        key=lambda p: (p.status, p.project.host_country.code, p.planned_start, p.pk),
    )
    assert [p for page in pages for p in page] == expected
    assert (pages[0].paginator.count, pages[0].paginator.num_pages) == (23, 2)
    assert all(p.volunteer.name and p.logs_to_review == 0 for p in pages[1])
    # Page 2 is past the end of the country's 11: the nearest page.
    assert (mm.paginator.count, mm.number, len(mm)) == (11, 1, 11)
    assert completed.paginator.count == 7
    assert {p.status for p in completed} == {PS.COMPLETED}


@pytest.mark.parametrize("rows", [1, 4])
def test_the_log_queue_query_budget(
    client, coordinator, programme, host_partner, django_assert_max_num_queries, rows
):
    board_rows(programme, host_partner, rows)
    client.force_login(coordinator)

    # The first load also counts the programme's waiting logs; the next ones read the count
    # from the cache.
    with django_assert_max_num_queries(8):
        client.get(reverse("deployments:activity-log-queue"))
    with django_assert_max_num_queries(7):
        response = client.get(reverse("deployments:activity-log-queue"))

    assert len(response.context["page_obj"]) == 2 * rows
    assert response.context["page_obj"].paginator.count == 2 * rows


@pytest.mark.parametrize("logs", [1, 4])
def test_the_placement_page_query_budget(
    client, coordinator, placement, django_assert_max_num_queries, logs
):
    for number in range(logs):
        log = ActivityLogFactory(
            placement=placement, date=datetime.date.today() - datetime.timedelta(days=number)
        )
        services.activity_log_update(log=log, by=placement.volunteer, photos=[jpeg()])
        CheckInFactory(placement=placement)
    client.force_login(coordinator)

    # One more than before the logs were paged: the paginator counts them.
    with django_assert_max_num_queries(18):
        response = client.get(reverse("deployments:placement-detail", args=[placement.pk]))

    assert len(response.context["logs"]) == logs
    assert response.content.decode().count("/thumbnail/") == logs


def test_the_log_form_is_made_for_a_phone(client, placement, volunteer):
    client.force_login(volunteer)
    html = client.get(
        reverse("deployments:activity-log-create", args=[placement.pk])
    ).content.decode()

    assert 'capture="environment"' in html
    assert "multiple" in html
    assert 'accept="image/jpeg,image/png"' in html
    assert 'name="latitude"' in html and 'type="hidden"' in html
    assert "js/geolocation.js" in html
    assert "<script>" not in html  # no inline script: the CSP forbids it
    assert 'name="viewport"' in html


def test_logging_with_two_photos_and_a_location(client, placement, volunteer):
    client.force_login(volunteer)
    day = datetime.date.today() - datetime.timedelta(days=1)

    response = client.post(
        reverse("deployments:activity-log-create", args=[placement.pk]),
        {
            "date": day.isoformat(),
            "hours": "3",
            "activity_type": "teaching",
            "description": "English, grade 7",
            "women": "",
            "men": "",
            "girls": "14",
            "boys": "12",
            "place": "Shree School",
            "latitude": "27.71720",
            "longitude": "85.32400",
            "photos": [jpeg("a.jpg"), jpeg("b.jpg")],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    log = ActivityLog.objects.get()
    assert (log.date, log.girls, log.women, log.photos.count()) == (day, 14, 0, 2)
    assert str(log.latitude) == "27.71720"


def test_the_form_refuses_a_date_in_the_future(client, placement, volunteer):
    client.force_login(volunteer)
    response = client.post(
        reverse("deployments:activity-log-create", args=[placement.pk]),
        {
            "date": (datetime.date.today() + datetime.timedelta(days=2)).isoformat(),
            "hours": "3",
            "activity_type": "teaching",
            "description": "x",
        },
    )
    assert response.status_code == 200
    assert "future" in str(response.context["form"].errors["date"])


def test_the_form_refuses_more_than_24_hours_a_day(client, placement, volunteer):
    ActivityLogFactory(placement=placement, date=datetime.date.today(), hours=23)
    client.force_login(volunteer)
    response = client.post(
        reverse("deployments:activity-log-create", args=[placement.pk]),
        {
            "date": datetime.date.today().isoformat(),
            "hours": "2",
            "activity_type": "teaching",
            "description": "x",
        },
    )
    assert "24 hours" in str(response.context["form"].errors["hours"])


def test_an_illegal_transition_is_a_message_not_a_500(client, coordinator, placement):
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:placement-transition", args=[placement.pk]),
        {"to": PS.CANCELLED},
        follow=True,
    )
    assert response.status_code == 200
    assert "cannot go from" in str(next(iter(response.context["messages"])))


def test_the_checklist_gate_message_lists_what_is_missing(client, coordinator, recruiting_project):
    placement = PlacementFactory(
        application__opportunity=OpportunityFactory(project=recruiting_project)
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:placement-transition", args=[placement.pk]),
        {"to": PS.IN_COUNTRY},
        follow=True,
    )
    message = str(next(iter(response.context["messages"])))
    assert "Visa" in message and "Volunteer manual acknowledged" in message


def test_the_coordinator_updates_a_checklist_item(client, coordinator, recruiting_project):
    placement = PlacementFactory(
        application__opportunity=OpportunityFactory(project=recruiting_project)
    )
    client.force_login(coordinator)
    client.post(
        reverse("deployments:pre-departure-item-update", args=[placement.pk, "insurance"]),
        {
            "insurance-status": "done",
            "insurance-required": "on",
            "insurance-expires_on": "2027-06-30",
        },
    )
    item = placement.pre_departure_items.get()
    assert (item.item, item.status, item.expires_on.isoformat()) == (
        "insurance",
        "done",
        "2027-06-30",
    )


def test_bulk_approval_from_the_queue(client, coordinator, placement):
    logs = ActivityLogFactory.create_batch(3, placement=placement)
    client.force_login(coordinator)

    client.post(
        reverse("deployments:activity-log-queue"),
        {"logs": [logs[0].pk, logs[1].pk], "action": "approved", "comment": ""},
    )

    assert sorted(ActivityLog.objects.values_list("status", flat=True)) == [
        "approved",
        "approved",
        "submitted",
    ]


def test_returning_in_bulk_needs_a_comment(client, coordinator, placement):
    log = ActivityLogFactory(placement=placement)
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:activity-log-queue"), {"logs": [log.pk], "action": "returned"}
    )
    assert response.status_code == 200
    log.refresh_from_db()
    assert log.status == ActivityLogStatus.SUBMITTED


def test_a_one_tap_check_in(client, placement, volunteer):
    client.force_login(volunteer)
    html = client.get(reverse("deployments:placement-detail", args=[placement.pk])).content.decode()
    assert 'value="needs_support"' in html

    client.post(reverse("deployments:check-in-create", args=[placement.pk]), {"status": "ok"})

    assert CheckIn.objects.get().status == CheckInStatus.OK


def test_check_in_times_are_shown_in_the_viewers_zone_named(client, placement, coordinator):
    coordinator.time_zone = "Asia/Kathmandu"
    coordinator.save()
    CheckInFactory(placement=placement)
    client.force_login(coordinator)

    html = client.get(reverse("deployments:placement-detail", args=[placement.pk])).content.decode()

    assert "Times in Asia/Kathmandu." in html


def test_a_monthly_report_a_month_through_the_form(client, placement, volunteer):
    client.force_login(volunteer)
    url = reverse("deployments:monthly-report-create", args=[placement.pk])
    month = datetime.date.today().strftime("%Y-%m")
    data = {"month": month, "achievements": "Reading club started", "challenges": ""}

    assert client.post(url, data).status_code == 302
    again = client.post(url, data)

    assert again.status_code == 200
    assert "already reported" in str(again.context["form"].errors["month"])
    assert MonthlyReport.objects.count() == 1


VENDORED_FONTS = {b"Noto-Sans", b"Noto-Sans-SC", b"Noto-Sans-Devanagari", b"Noto-Sans-Myanmar"}


@pytest.mark.parametrize(
    ("native", "font"),
    [
        ("李伟", b"Noto-Sans-SC"),
        ("सीता शर्मा", b"Noto-Sans-Devanagari"),
        ("အေးအေးသန့်", b"Noto-Sans-Myanmar"),
    ],
    ids=["chinese", "devanagari", "burmese"],
)
def test_the_certificate_is_a_one_page_pdf_printing_the_native_name(
    client, recruiting_project, volunteer, native, font
):
    weasyprint_or_skip()
    from deployments.certificates import certificate_document

    volunteer.preferred_language = "zh-hans"
    volunteer.save()
    CompleteVolunteerProfileFactory(user=volunteer, name_native_script=native)
    placement = PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=recruiting_project),
        status=PS.COMPLETED,
    )
    try:
        document = certificate_document(placement=placement)
    except OSError as error:  # pragma: no cover - a machine without Pango
        optional.skip("pdf", f"WeasyPrint cannot load Pango: {error}")
    client.force_login(volunteer)

    response = client.get(reverse("deployments:placement-certificate", args=[placement.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(document.pages) == 1
    # The native-script name is set in the vendored Noto font that has its glyphs, and no
    # system font is used.
    fonts = set(
        re.findall(
            rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z0-9\-]+)", document.write_pdf(uncompressed_pdf=True)
        )
    )
    assert font in fonts
    assert {name.removesuffix(b"-Bold") for name in fonts} <= VENDORED_FONTS
    assert native in "".join(
        box.text for box in walk(document.pages[0]._page_box) if hasattr(box, "text")
    )


def walk(box):
    yield box
    for child in getattr(box, "children", []):
        yield from walk(child)


@pytest.mark.parametrize(
    ("language", "country"), [("zh-hans", "尼泊尔"), ("ne", "नेपाल"), ("my", "နီပေါ")]
)
def test_each_half_of_the_certificate_names_the_country_in_its_own_language(
    recruiting_project, volunteer, language, country
):
    from django.utils import translation

    from deployments.certificates import certificate_context

    recruiting_project.host_country = "NP"
    recruiting_project.save()
    volunteer.preferred_language = language
    volunteer.save()
    placement = PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=recruiting_project),
        status=PS.COMPLETED,
    )

    with translation.override("zh-hans"):  # whoever downloads it
        served = certificate_context(placement=placement)["lines"]["served"]

    assert " in Nepal, " in served.english
    assert country in served.translated


def test_a_pixel_bomb_photo_gets_a_form_error_and_nothing_is_written(
    client, placement, volunteer, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path}},
    }
    buffer = io.BytesIO()
    Image.new("L", (13000, 13000), 0).save(buffer, format="PNG", optimize=True)
    client.force_login(volunteer)

    response = client.post(
        reverse("deployments:activity-log-create", args=[placement.pk]),
        {
            "date": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
            "hours": "3",
            "activity_type": "teaching",
            "description": "English, grade 7",
            "photos": [SimpleUploadedFile("bomb.png", buffer.getvalue())],
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["photos"]
    assert ["13000 × 13000" in error for error in errors] == [True]
    assert ActivityLog.objects.count() == 0
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def transition_buttons(html: str) -> dict[str, str]:
    """The class of each transition button on a placement's page, by its target state."""
    buttons = re.findall(r'<button type="submit" name="to" value="(\w+)" class="([^"]+)"', html)
    return dict(buttons)


def test_the_arrival_is_the_main_action_and_cancelling_stands_apart(
    client, coordinator, recruiting_project
):
    placement = PlacementFactory(
        application__opportunity=OpportunityFactory(project=recruiting_project)
    )
    client.force_login(coordinator)
    response = client.get(reverse("deployments:placement-detail", args=[placement.pk]))

    html = response.content.decode()
    assert transition_buttons(html) == {
        PS.IN_COUNTRY: "btn btn-primary",
        PS.CANCELLED: "btn btn-outline-danger",
    }
    assert re.search(r'value="cancelled" class="btn btn-outline-danger" data-confirm="', html)
    edit = r"class=\"btn btn-outline-primary\" href=\"[^\"]+\">Edit dates and supervisor<"
    assert re.search(edit, html)


def test_ending_early_stands_apart_from_completing(client, coordinator, placement):
    client.force_login(coordinator)
    response = client.get(reverse("deployments:placement-detail", args=[placement.pk]))

    assert transition_buttons(response.content.decode()) == {
        PS.COMPLETED: "btn btn-primary",
        PS.ENDED_EARLY: "btn btn-outline-danger",
    }


def messages_of(response) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def test_planned_dates_outside_6_to_12_months_are_saved_with_a_warning(
    client, coordinator, placement
):
    start = placement.planned_start
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:placement-update", args=[placement.pk]),
        {
            "planned_start": start.isoformat(),
            "planned_end": (start + datetime.timedelta(days=90)).isoformat(),
            "duty_station": "Kathmandu",
        },
        follow=True,
    )

    warning = "Placements usually last 6 to 12 months. This one is planned for less than 6 months."
    assert messages_of(response) == [
        ("success", "The placement was saved."),
        ("warning", warning),
    ]
    assert warning in response.content.decode()  # beside the planned dates, too
    placement.refresh_from_db()
    assert placement.planned_end == start + datetime.timedelta(days=90)
    form = client.get(reverse("deployments:placement-update", args=[placement.pk]))
    assert form.context["duration_warning"] == warning


def test_planned_dates_within_6_to_12_months_have_no_warning(client, coordinator, placement):
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:placement-update", args=[placement.pk]),
        {
            "planned_start": placement.planned_start.isoformat(),
            "planned_end": placement.planned_end.isoformat(),
        },
        follow=True,
    )

    assert messages_of(response) == [("success", "The placement was saved.")]


def test_a_visa_item_expiring_before_the_planned_end_is_saved_with_a_warning(
    client, coordinator, recruiting_project
):
    placement = PlacementFactory(
        application__opportunity=OpportunityFactory(project=recruiting_project),
        planned_end=datetime.date(2027, 6, 30),
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("deployments:pre-departure-item-update", args=[placement.pk, "visa"]),
        {"visa-status": "done", "visa-required": "on", "visa-expires_on": "2027-03-01"},
        follow=True,
    )

    warning = (
        "The visa expires on 1 Mar 2027, before the placement's planned end on 30 Jun 2027: "
        "renew it or plan its extension in time."
    )
    assert messages_of(response) == [
        ("success", "“Visa” is now Done."),
        ("warning", warning),
    ]
    assert response.context["visa_warning"] == warning
    assert placement.pre_departure_items.get().expires_on == datetime.date(2027, 3, 1)


def test_the_placement_page_shows_its_logs_page_by_page_and_a_month_of_them_at_once(
    client, coordinator, placement
):
    start = datetime.date(2026, 3, 1)
    for day in range(25):
        ActivityLogFactory(
            placement=placement, date=start + datetime.timedelta(days=day * 2), hours=2
        )
    client.force_login(coordinator)
    url = reverse("deployments:placement-detail", args=[placement.pk])

    first = client.get(url)
    third = client.get(url, {"logs_page": "3"})

    assert len(first.context["logs"]) == PLACEMENT_LOGS_PER_PAGE == 10
    assert len(third.context["logs"]) == 5
    assert first.context["logs"][0].date == start + datetime.timedelta(days=48)
    months = [entry.title for entry in first.context["timeline"] if entry.kind == "log"]
    assert months == [
        "April 2026 · 9 activity logs · 18.00 h",
        "March 2026 · 16 activity logs · 32.00 h",
    ]
    assert "?logs_page=2" in first.content.decode()


def test_a_long_timeline_shows_its_newest_entries_and_links_the_whole_of_it(
    client, coordinator, placement
):
    start = timezone.now() - datetime.timedelta(days=400)
    for week in range(40):
        CheckInFactory(placement=placement, created_at=start + datetime.timedelta(weeks=week))
    client.force_login(coordinator)
    url = reverse("deployments:placement-detail", args=[placement.pk])

    first = client.get(url)
    whole = client.get(url, {"timeline": "all"})

    every = whole.context["timeline"]
    assert len(every) >= 40
    assert whole.context["timeline_more"] == 0
    assert first.context["timeline"] == every[:TIMELINE_SHOWN]
    assert first.context["timeline_more"] == len(every) - TIMELINE_SHOWN
    assert every[0].at > every[-1].at
    assert "?timeline=all#timeline-heading" in first.content.decode()
    assert "timeline=all#timeline-heading" not in whole.content.decode()


def test_the_placement_page_shows_its_projects_indicators_cached_per_project(
    client, coordinator, placement, programme
):
    IndicatorFactory(project=placement.project, name="Teaching hours", source=IS.HOURS)
    other = PlacementFactory(project=ProjectFactory(programme=programme), status=PS.IN_COUNTRY)
    IndicatorFactory(project=other.project, name="Wells dug", source=IS.HOURS)
    ActivityLogFactory(placement=placement, hours=3, status=ActivityLogStatus.APPROVED)
    client.force_login(coordinator)
    url = reverse("deployments:placement-detail", args=[placement.pk])

    first = client.get(url)
    elsewhere = client.get(reverse("deployments:placement-detail", args=[other.pk]))
    ActivityLogFactory(placement=placement, hours=2, status=ActivityLogStatus.APPROVED)
    cached = client.get(url)
    cache.clear()  # as INDICATOR_PROGRESS_CACHE_SECONDS later
    later = client.get(url)

    assert [(i.name, i.actual) for i in first.context["indicators"]] == [("Teaching hours", 3)]
    assert [(i.name, i.actual) for i in elsewhere.context["indicators"]] == [("Wells dug", 0)]
    assert [i.actual for i in cached.context["indicators"]] == [3]
    assert [i.actual for i in later.context["indicators"]] == [5]

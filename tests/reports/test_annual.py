"""The programme annual report: its figures, computed here from what the factories made,
in XLSX and PDF; how it is requested; and its bounded number of queries."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from deployments.enums import ActivityLogStatus, PlacementStatus
from knowledge.enums import ResourceKind, ResourceStatus, Visibility
from reports.annual import annual_sections, year_filters
from reports.enums import ReportFormat, ReportKind, ReportStatus
from reports.models import ReportRequest
from reports.sources import ReportFilters
from tests.factories import (
    IndicatorFactory,
    IndicatorMeasurementFactory,
    ProjectFactory,
    ReportActivityLogFactory,
    ReportPlacementFactory,
    ResourceFactory,
)

from .conftest import build, weasyprint_or_skip

pytestmark = pytest.mark.django_db

YEAR = 2026
D = datetime.date


def placement(project, start, end, status=PlacementStatus.COMPLETED):
    return ReportPlacementFactory(
        application__opportunity__project=project,
        actual_start=start,
        actual_end=end,
        status=status,
    )


def months(*spans) -> Decimal:
    """Months served within YEAR: days in the field within the year over 365.25 / 12."""
    days = 0
    for start, end in spans:
        first, last = max(start, D(YEAR, 1, 1)), min(end, D(YEAR, 12, 31))
        days += max((last - first).days + 1, 0)
    return (Decimal(days) / Decimal("30.4375")).quantize(Decimal("0.1"))


@pytest.fixture
def year_of_work(programme, project, other_project):
    """Two projects of the programme (Nepal, Myanmar) and one of another programme."""
    myanmar = ProjectFactory(
        programme=programme,
        host_partner=project.host_partner,
        title="Health outreach, Mandalay",
        host_country="MM",
        starts_on=D(2025, 6, 1),
        ends_on=D(2027, 6, 1),
    )
    spans = {
        "arrived": (D(YEAR, 3, 1), D(YEAR, 8, 31)),
        "stayed over new year": (D(YEAR - 1, 10, 1), D(YEAR, 2, 28)),
        "in myanmar": (D(YEAR, 5, 1), D(YEAR, 10, 31)),
    }
    arrived = placement(project, *spans["arrived"])
    stayed = placement(project, *spans["stayed over new year"])
    in_myanmar = placement(myanmar, *spans["in myanmar"])
    ReportPlacementFactory(
        application__opportunity__project=project,
        actual_start=None,
        status=PlacementStatus.PRE_DEPARTURE,
    )
    placement(other_project, D(YEAR, 2, 1), D(YEAR, 7, 31))

    logs = [
        ReportActivityLogFactory(placement=arrived, date=D(YEAR, 4, 2), hours=6, sdg_id=4),
        ReportActivityLogFactory(placement=stayed, date=D(YEAR, 1, 9), hours=3, sdg_id=4),
        ReportActivityLogFactory(placement=in_myanmar, date=D(YEAR, 6, 1), hours=5, sdg_id=3),
    ]
    # Not counted: awaiting review, or dated the year before.
    ReportActivityLogFactory(
        placement=arrived, date=D(YEAR, 4, 3), status=ActivityLogStatus.SUBMITTED, sdg_id=4
    )
    ReportActivityLogFactory(placement=stayed, date=D(YEAR - 1, 12, 1), hours=7, sdg_id=4)

    indicator = IndicatorFactory(
        project=project, name="Pupils passing grade 6", baseline=10, target=110
    )
    IndicatorMeasurementFactory(indicator=indicator, date=D(YEAR, 6, 30), value=Decimal(60))

    published = timezone.make_aware(datetime.datetime(YEAR, 9, 1, 9, 0))
    story = ResourceFactory(
        programme=programme,
        project=project,
        kind=ResourceKind.LESSON_LEARNED,
        title="Teaching with songs",
        body="The children came back for the songs.",
        visibility=Visibility.PUBLIC,
        published_at=published,
    )
    # Not told to donors: for the programme's people only, or not published.
    ResourceFactory(
        programme=programme,
        project=project,
        kind=ResourceKind.LESSON_LEARNED,
        title="Internal lesson",
        visibility=Visibility.PROGRAMME,
        published_at=published,
    )
    ResourceFactory(
        programme=programme,
        project=project,
        kind=ResourceKind.LESSON_LEARNED,
        title="Draft lesson",
        status=ResourceStatus.DRAFT,
    )
    return {"myanmar": myanmar, "spans": spans, "logs": logs, "story": story}


def sheet_rows(workbook, title) -> list[dict]:
    """A sheet's rows under its header (the HXL row skipped), keyed by header."""
    header, _hashtags, *rows = workbook[title].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def request_annual(coordinator, programme, report_format, captured):
    return build(
        captured,
        requested_by=coordinator,
        kind=ReportKind.ANNUAL,
        format=report_format,
        filters={"programme": programme.pk, "year": YEAR},
    )


def test_the_annual_workbook_adds_up_the_year(
    coordinator, programme, project, year_of_work, django_capture_on_commit_callbacks
):
    report = request_annual(
        coordinator, programme, ReportFormat.XLSX, django_capture_on_commit_callbacks
    )
    assert report.status == ReportStatus.DONE, report.error
    with report.file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))

    spans, logs = year_of_work["spans"], year_of_work["logs"]
    nepal_logs, myanmar_logs = logs[:2], logs[2:]

    def reached(some_logs, key):
        return sum(getattr(log, key) for log in some_logs)

    [figures] = sheet_rows(workbook, "The year in figures")
    assert figures["Volunteers sent"] == 2  # arrived in the year: not the one who stayed over
    assert Decimal(str(figures["Months served"])) == months(*spans.values())
    assert figures["Hours"] == sum(log.hours for log in logs)
    for label, key in [("Women reached", "women"), ("Girls reached", "girls")]:
        assert figures[label] == reached(logs, key)
    assert figures["People reached"] == sum(log.beneficiaries for log in logs)

    countries = {row["Country"]: row for row in sheet_rows(workbook, "Per country")}
    assert set(countries) == {"Nepal", "Myanmar"}
    assert countries["Nepal"]["Volunteers sent"] == 1
    assert Decimal(str(countries["Nepal"]["Months served"])) == months(
        spans["arrived"], spans["stayed over new year"]
    )
    assert countries["Myanmar"]["Hours"] == sum(log.hours for log in myanmar_logs)
    assert countries["Nepal"]["Boys reached"] == reached(nepal_logs, "boys")

    projects = {row["Project"]: row for row in sheet_rows(workbook, "Per project")}
    assert set(projects) == {project.title, year_of_work["myanmar"].title}

    sdgs = {row["SDG"]: row for row in sheet_rows(workbook, "Hours by SDG")}
    assert sdgs[4]["Hours"] == sum(log.hours for log in nepal_logs)
    assert (sdgs[3]["Logs"], sdgs[3]["Hours"]) == (1, myanmar_logs[0].hours)

    [indicator] = sheet_rows(workbook, "Indicators against targets")
    assert (indicator["Target"], indicator["Result to date"]) == (110, 60)
    assert indicator["% of target"] == round(100 * (60 - 10) / (110 - 10))

    stories = sheet_rows(workbook, "Stories from the field")
    assert [(story["Lesson learned"], story["Project"]) for story in stories] == [
        (year_of_work["story"].title, project.title)
    ]
    about = dict(workbook["About"].iter_rows(values_only=True))
    assert about["Programme"] == programme.name
    assert about["Period"] == f"1 Jan {YEAR} – 31 Dec {YEAR}"


def test_the_annual_pdf_prints_every_table(
    coordinator, programme, year_of_work, django_capture_on_commit_callbacks
):
    weasyprint_or_skip()
    from pypdf import PdfReader

    report = request_annual(
        coordinator, programme, ReportFormat.PDF, django_capture_on_commit_callbacks
    )
    assert report.status == ReportStatus.DONE, report.error
    with report.file.open("rb") as handle:
        pages = PdfReader(io.BytesIO(handle.read())).pages

    text = " ".join(page.extract_text() for page in pages)
    squeezed = re.sub(r"\s+", "", text)
    for heading in (
        f"Annual report {YEAR}",
        "The year in figures",
        "Per country",
        "Per project",
        "Hours by SDG",
        "Indicators against targets",
        "Stories from the field",
        "Volunteers sent",
        "Months served",
        "% of target",
        year_of_work["story"].title,
        year_of_work["story"].body,
    ):
        assert re.sub(r"\s+", "", heading) in squeezed, heading
    assert f"1 / {len(pages)}" in text and programme.name in text
    assert float(pages[0].mediabox.width) > float(pages[0].mediabox.height)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"format": ReportFormat.CSV, "year": YEAR}, "format"),
        ({"format": ReportFormat.PDF, "year": ""}, "year"),
        ({"format": ReportFormat.PDF, "year": "twenty"}, "year"),
        ({"format": ReportFormat.PDF, "year": 1066}, "year"),
        ({"format": ReportFormat.PDF, "year": YEAR, "programme": ""}, "programme"),
    ],
)
def test_a_wrong_request_says_why_and_records_nothing(client, coordinator, programme, data, field):
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:report-list"),
        {"kind": ReportKind.ANNUAL, "programme": programme.pk, **data},
    )

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not ReportRequest.objects.exists()


def test_a_coordinator_may_not_report_on_another_programme(client, coordinator, other_project):
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:report-list"),
        {
            "kind": ReportKind.ANNUAL,
            "format": ReportFormat.PDF,
            "programme": other_project.programme.pk,
            "year": YEAR,
        },
    )

    assert response.status_code == 400
    assert "programme" in response.context["form"].errors
    assert not ReportRequest.objects.exists()


def test_the_programme_page_leads_to_the_request_form_preset(client, coordinator, programme):
    client.force_login(coordinator)
    page = client.get(reverse("deployments:programme-detail", args=[programme.pk]))
    link = (
        f"{reverse('reports:report-list')}?kind=annual&amp;format=pdf&amp;programme={programme.pk}"
    )
    assert link in page.content.decode()

    form = client.get(link.replace("&amp;", "&")).context["form"]
    assert (form["kind"].value(), form["programme"].value()) == ("annual", str(programme.pk))


def test_the_annual_report_is_downloaded_by_its_requester_only(
    client, coordinator, programme, year_of_work, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    report = request_annual(
        coordinator, programme, ReportFormat.XLSX, django_capture_on_commit_callbacks
    )
    download = reverse("reports:report-download", args=[report.pk])
    client.force_login(UserFactory())
    assert client.get(download).status_code == 404
    client.force_login(coordinator)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="annual-')


@pytest.mark.parametrize("projects", [1, 3])
def test_the_annual_figures_take_a_fixed_number_of_queries(
    programme, host_partner, projects, django_assert_max_num_queries
):
    for number in range(projects):
        project = ProjectFactory(programme=programme, host_partner=host_partner)
        log = ReportActivityLogFactory(
            placement=placement(project, D(YEAR, 2, 1), D(YEAR, 5, 1)),
            date=D(YEAR, 3, 1),
            sdg_id=number + 1,
        )
        IndicatorFactory(project=log.placement.project)
        ResourceFactory(
            programme=programme,
            project=project,
            kind=ResourceKind.LESSON_LEARNED,
            published_at=timezone.make_aware(datetime.datetime(YEAR, 6, 1)),
        )
    filters = year_filters(ReportFilters(programme=programme.pk, year=YEAR), YEAR)

    with django_assert_max_num_queries(7):
        sections = annual_sections(filters)

    assert len(sections[2].rows) == projects
    assert len(sections[5].rows) == projects

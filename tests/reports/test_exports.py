"""The files themselves: CSV with HXL hashtags, XLSX that opens, PDF that prints every script."""

import io
import re

import pytest
from openpyxl import load_workbook

from deployments.models import Project
from reports.enums import ReportFormat, ReportKind, ReportStatus
from reports.sources import SOURCES
from tests.factories import ApplicationFactory

from .conftest import build, pdf_expanded, read_csv, weasyprint_or_skip

pytestmark = pytest.mark.django_db

VOLUNTEER_DATA = ("Wang Fang", "wang.fang@example.org", "Chen Jie", "chen.jie@example.org")


def file_bytes(report) -> bytes:
    with report.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("kind", list(SOURCES))
def test_csv_has_a_hashtag_row_under_the_header_and_validates_as_hxl(
    kind, administrator, field_data, django_capture_on_commit_callbacks, tmp_path
):
    hxl = pytest.importorskip("hxl")
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=kind,
        format=ReportFormat.CSV,
    )

    header, hashtags, *rows = read_csv(report)
    assert header[:2] == ["Project code", "Project"]
    assert hashtags[:2] == ["#activity+code", "#activity+name"]
    assert all(tag.startswith("#") for tag in hashtags)
    assert len(rows) >= 1
    copy = tmp_path / "report.csv"
    copy.write_bytes(file_bytes(report))
    result = hxl.validate(hxl.data(str(copy), hxl.input.InputOptions(allow_local=True)))
    assert result["is_valid"], result["issues"]


@pytest.mark.parametrize("report_format", ReportFormat.values)
@pytest.mark.parametrize("kind", list(SOURCES))
def test_no_export_carries_personal_data_of_volunteers(
    kind, report_format, administrator, field_data, django_capture_on_commit_callbacks
):
    if report_format == ReportFormat.PDF:
        weasyprint_or_skip()
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=kind,
        format=report_format,
    )
    if report_format == ReportFormat.XLSX:
        workbook = load_workbook(io.BytesIO(file_bytes(report)))
        content = " ".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
        )
    elif report_format == ReportFormat.PDF:
        content = pdf_expanded(file_bytes(report)).decode("latin-1")
    else:
        content = file_bytes(report).decode()

    assert report.status == ReportStatus.DONE
    for personal in VOLUNTEER_DATA:
        assert personal not in content


def test_activity_csv_adds_up_approved_logs_per_month_and_type(
    coordinator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.ACTIVITY,
        format=ReportFormat.CSV,
    )

    _header, hashtags, *rows = read_csv(report)
    columns = dict(zip(hashtags, zip(*rows, strict=True), strict=True))
    assert columns["#date+month"] == ("2026-03", "2026-04")
    assert columns["#activity+type"] == ("Teaching", "Training")
    assert columns["#x_logs"] == ("2", "1")  # the log awaiting review is not counted
    assert columns["#reached+f+adults"] == ("5", "5")
    assert columns["#reached"] == ("51", "10")
    assert columns["#country+code+v_iso2"] == ("NP", "NP")


def test_text_that_a_spreadsheet_would_run_is_kept_as_text(
    administrator, project, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=project.pk).update(title='=HYPERLINK("http://evil.example")')
    csv_report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.PROGRAMME_SUMMARY,
        format=ReportFormat.CSV,
    )
    xlsx_report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.PROGRAMME_SUMMARY,
        format=ReportFormat.XLSX,
    )

    assert read_csv(csv_report)[2][1] == '\'=HYPERLINK("http://evil.example")'
    cell = load_workbook(io.BytesIO(file_bytes(xlsx_report))).worksheets[0]["B3"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil.example")', "s")


def test_xlsx_opens_with_typed_cells_and_an_about_sheet(
    coordinator, field_data, django_capture_on_commit_callbacks
):
    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.PLACEMENTS,
        format=ReportFormat.XLSX,
        filters={"period_from": "2026-01-01"},
    )

    workbook = load_workbook(io.BytesIO(file_bytes(report)))
    rows = list(workbook["Report"].iter_rows(values_only=True))
    header, hashtags, data = rows
    assert header[:3] == ("Project code", "Project", "Host partner")
    assert hashtags[:3] == ("#activity+code", "#activity+name", "#org+impl+name")
    record = dict(zip(hashtags, data, strict=True))
    assert record["#x_logs"] == 3
    assert record["#reached"] == 61
    assert record["#date+start+planned"].date().isoformat() == "2026-01-01"
    about = dict(workbook["About"].iter_rows(values_only=True))
    assert about["Report"] == "Placements"
    assert about["Period"] == "1 Jan 2026 – …"
    assert report.content_type.startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("kind", list(SOURCES))
def test_pdf_has_pages_a_summary_and_a_chart(
    kind, coordinator, field_data, django_capture_on_commit_callbacks
):
    weasyprint_or_skip()
    ApplicationFactory(opportunity=field_data["here"].opportunity)

    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=kind,
        format=ReportFormat.PDF,
    )

    pdf = file_bytes(report)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf_expanded(pdf))) >= 1


def test_pdf_prints_chinese_devanagari_and_burmese(
    administrator, project, other_project, django_capture_on_commit_callbacks
):
    weasyprint_or_skip()
    Project.objects.filter(pk=project.pk).update(title="काठमाडौं सामुदायिक विद्यालय")
    Project.objects.filter(pk=other_project.pk).update(title="ရန်ကုန် လူငယ် ကျန်းမာရေး")
    other_project.programme.__class__.objects.filter(pk=other_project.programme_id).update(
        name="中国援外志愿者项目"
    )

    report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.PROGRAMME_SUMMARY,
        format=ReportFormat.PDF,
    )

    fonts = set(
        re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z0-9\-]+)", pdf_expanded(file_bytes(report)))
    )
    # The vendored fonts (static/vendor/fonts/), and no system font.
    assert {name.removesuffix(b"-Bold") for name in fonts} == {
        b"Noto-Sans",
        b"Noto-Sans-SC",
        b"Noto-Sans-Devanagari",
        b"Noto-Sans-Myanmar",
    }


def test_a_long_pdf_keeps_its_first_rows_and_says_so(
    administrator, project, django_capture_on_commit_callbacks, settings
):
    weasyprint_or_skip()
    settings.REPORTS_PDF_MAX_ROWS = 1
    ApplicationFactory.create_batch(2, opportunity__project=project)

    report = build(
        django_capture_on_commit_callbacks,
        requested_by=administrator,
        kind=ReportKind.APPLICATIONS,
        format=ReportFormat.PDF,
    )

    assert report.status == ReportStatus.DONE
    assert report.row_count == 2

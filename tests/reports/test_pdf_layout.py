"""Every PDF report fits its pages: landscape A4, every column on the page however long its
words, headers repeated, page numbers and the programme's name in the margin."""

import datetime
import io
import re

import factory
import pytest

from reports.enums import ReportFormat, ReportKind
from reports.sources import SOURCES, source_for
from tests.factories import (
    ApplicationFactory,
    ProjectFactory,
    ReportActivityLogFactory,
    ReportPlacementFactory,
)

from .conftest import build, weasyprint_or_skip

pytestmark = pytest.mark.django_db

A4_LANDSCAPE = (841.89, 595.28)  # points
LONG_WORD = "Gemeinschaftsbildungszentrumsverwaltungsunterstützungsprogramm"


def pdf_pages(report):
    """(width, height, text, x positions of the text) of each page of the report's PDF."""
    from pypdf import PdfReader

    with report.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    pages = []
    for page in reader.pages:
        positions = []

        def visit(text, matrix, text_matrix, font, size, positions=positions):
            if text.strip():
                positions.append(matrix[0] * text_matrix[4] + matrix[4])

        text = page.extract_text(visitor_text=visit)
        pages.append((float(page.mediabox.width), float(page.mediabox.height), text, positions))
    return pages


def squeezed(text: str) -> str:
    """Text without white space, so that a header wrapped over two lines still matches."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def wide_data(programme, project):
    """Many rows with long words in every text column."""
    project.title = f"{LONG_WORD} Kathmandu"
    project.region = LONG_WORD
    project.save(update_fields=["title", "region"])
    project.host_partner.name = f"{LONG_WORD} Nepal"
    project.host_partner.save(update_fields=["name"])
    for number in range(40):
        placement = ReportPlacementFactory(
            application__opportunity__project=project,
            application__opportunity__title=f"{LONG_WORD} teacher {number}",
            duty_station=f"{LONG_WORD} ward {number}",
        )
        ReportActivityLogFactory(
            placement=placement,
            date=datetime.date(2026, 3 + number % 9, 2),
            hours=8,
            women=123456 + number,
        )
        ApplicationFactory(opportunity=placement.opportunity)
    # Enough projects for the programme summary (a row each) to run over a page.
    ProjectFactory.create_batch(
        30,
        programme=programme,
        host_partner=project.host_partner,
        title=factory.Sequence(lambda number: f"{LONG_WORD} project {number}"),
        starts_on=project.starts_on,
        ends_on=project.ends_on,
    )


@pytest.mark.parametrize("kind", list(SOURCES))
def test_every_pdf_report_fits_its_pages(
    kind, coordinator, programme, wide_data, settings, django_capture_on_commit_callbacks
):
    weasyprint_or_skip()
    pytest.importorskip("pypdf")
    settings.REPORTS_PDF_MAX_ROWS = 60

    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=kind,
        format=ReportFormat.PDF,
    )

    pages = pdf_pages(report)
    all_text = squeezed(" ".join(text for _width, _height, text, _x in pages))
    for column in source_for(kind).columns:
        assert squeezed(str(column.label)) in all_text, column.label
        assert squeezed(column.hxl) in all_text, column.hxl
    for number, (width, height, text, positions) in enumerate(pages, 1):
        assert (round(width, 2), round(height, 2)) == A4_LANDSCAPE
        assert f"{number} / {len(pages)}" in text
        assert programme.name in text
        assert positions and all(0 <= x < width for x in positions)
    # The rows' table ends the report: from its first page on, each page repeats its header.
    header = squeezed(source_for(kind).columns[0].hxl)
    with_header = [header in squeezed(text) for _width, _height, text, _x in pages]
    first = with_header.index(True)
    assert all(with_header[first:])
    assert len(pages) - first >= 2, "the rows should fill more than one page"


def test_chart_labels_are_printed_in_full(
    coordinator, wide_data, django_capture_on_commit_callbacks
):
    weasyprint_or_skip()
    pytest.importorskip("pypdf")

    report = build(
        django_capture_on_commit_callbacks,
        requested_by=coordinator,
        kind=ReportKind.PROGRAMME_SUMMARY,
        format=ReportFormat.PDF,
    )

    first_page = squeezed(pdf_pages(report)[0][2])
    assert squeezed(f"{LONG_WORD} Kathmandu") in first_page
    assert "…" not in first_page

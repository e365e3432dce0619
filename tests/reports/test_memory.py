"""Large reports stream from the database: peak memory stays flat as rows grow tenfold."""

import tracemalloc

import pytest

from reports import services
from reports.enums import ReportFormat, ReportKind, ReportStatus
from tests.factories import ReportRequestFactory

from .conftest import placements_add

pytestmark = pytest.mark.django_db


def peak_while_building(administrator) -> tuple[int, int]:
    """Peak traced memory of one CSV build, and its rows."""
    report = ReportRequestFactory(
        requested_by=administrator, kind=ReportKind.PLACEMENTS, format=ReportFormat.CSV
    )
    tracemalloc.start()
    try:
        services.report_build(report_id=report.pk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    return peak, report.row_count


def test_csv_memory_stays_flat_from_2000_to_20000_rows(administrator, project):
    placements_add(project, opportunities=20, start=0)
    peak_while_building(administrator)  # once first, so that imports and caches are not counted
    small_peak, small_rows = peak_while_building(administrator)
    placements_add(project, opportunities=180, start=20)
    large_peak, large_rows = peak_while_building(administrator)

    print(
        f"\nCSV peak memory: {small_rows} rows {small_peak / 1024:.0f} KiB, "
        f"{large_rows} rows {large_peak / 1024:.0f} KiB ({large_peak / small_peak:.2f}×)"
    )
    assert (small_rows, large_rows) == (2000, 20000)
    assert large_peak < 2 * small_peak

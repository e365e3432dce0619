"""Writing a report's rows to a file as they arrive: CSV with HXL hashtags, XLSX, PDF.

CSV and XLSX are written row by row to disk (openpyxl in write-only mode), so memory does not
grow with the report. A PDF is laid out at the end, so it keeps at most `PDF_MAX_ROWS` rows
(`REPORTS_PDF_MAX_ROWS`) and points to CSV or XLSX for the rest.
"""

import csv
import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from deployments.pdf import FONT_FAMILY, pdf_document

from .enums import ReportFormat
from .sources import (
    COUNTRY,
    DATE,
    MONTH,
    NUMBER,
    TEXT,
    ReportFilters,
    Source,
    filters_described,
    programme_names,
)

PDF_MAX_ROWS = 500  # REPORTS_PDF_MAX_ROWS overrides it
# A spreadsheet would run text starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_DATE = "d mmm yyyy"
XLSX_MONTH = "mmm yyyy"
# Relative widths of the PDF's columns by kind: with a fixed table layout every column gets
# its share of the page and long words wrap inside it instead of pushing the table off it.
COLUMN_WEIGHTS = {TEXT: 3, COUNTRY: 1.2, DATE: 1.7, MONTH: 1.4, NUMBER: 1.3}
# The longest bar's share of its cell; the rest leaves room for the value printed after it.
CHART_BAR_SHARE = 85


class Writer:
    """Receives the rows of one report in order and leaves a finished file at `path`."""

    def __init__(self, path, *, source: Source, filters: ReportFilters, title: str):
        self.path = path
        self.source = source
        self.filters = filters
        self.title = title
        self.columns = source.columns
        self.generated_at = timezone.localtime()

    def write(self, row: dict) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finishes the file; the last step of a build."""

    def about(self) -> list[tuple[str, str]]:
        return [
            (_("Report"), self.title),
            (
                _("Generated"),
                f"{date_format(self.generated_at, 'DATETIME_FORMAT')} {self.generated_at:%Z}",
            ),
            *filters_described(self.filters),
            (_("Notes"), str(self.source.note)),
        ]


class CsvWriter(Writer):
    """UTF-8 CSV: a header row, the HXL hashtag row directly under it, then the data."""

    def __init__(self, path, **kwargs):
        super().__init__(path, **kwargs)
        self.file = open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115
        self.csv = csv.writer(self.file)
        self.csv.writerow([str(column.label) for column in self.columns])
        self.csv.writerow([column.hxl for column in self.columns])

    def write(self, row):
        self.csv.writerow([self._cell(column, row) for column in self.columns])

    def _cell(self, column, row) -> str:
        text = column.text(row)
        if not column.is_number and text.startswith(FORMULA_PREFIXES):
            return f"'{text}"
        return text

    def close(self):
        self.file.close()


class XlsxWriter(Writer):
    """A workbook written in openpyxl's write-only mode: rows go to disk as they come."""

    def __init__(self, path, **kwargs):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        super().__init__(path, **kwargs)
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(_("Report")[:31])
        self.sheet.freeze_panes = "A3"
        self.Cell = WriteOnlyCell
        bold = Font(bold=True)
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(self.sheet, value=str(column.label))
            cell.font = bold
            header.append(cell)
        self.sheet.append(header)
        self.sheet.append([column.hxl for column in self.columns])

    def write(self, row):
        cells = []
        for column in self.columns:
            value = column.value(row)
            if isinstance(value, str) and value.startswith("="):
                cell = self.Cell(self.sheet, value=value)
                cell.data_type = "s"  # text, never a formula
                value = cell
            elif isinstance(value, datetime.date):
                # Spreadsheets show the month in the reader's language, never 11/30 or 30/11.
                cell = self.Cell(self.sheet, value=value)
                cell.number_format = XLSX_MONTH if column.kind == MONTH else XLSX_DATE
                value = cell
            cells.append(value)
        self.sheet.append(cells)

    def close(self):
        about = self.workbook.create_sheet(_("About")[:31])
        for label, value in self.about():
            about.append([str(label), str(value)])
        self.workbook.save(self.path)


class PdfWriter(Writer):
    """A summary table, a bar chart, and the first rows, laid out by WeasyPrint."""

    def __init__(self, path, **kwargs):
        super().__init__(path, **kwargs)
        self.rows: list[list[tuple[str, bool]]] = []
        self.count = 0
        self.totals = {column.key: 0 for column in self.columns if column.is_number}
        self.max_rows = getattr(settings, "REPORTS_PDF_MAX_ROWS", PDF_MAX_ROWS)

    def write(self, row):
        self.count += 1
        for key in self.totals:
            self.totals[key] += row.get(key) or 0
        if len(self.rows) < self.max_rows:
            self.rows.append([(column.shown(row), column.is_number) for column in self.columns])

    def summary(self) -> list[tuple[str, str]]:
        figures = [(_("Rows"), number_format(self.count, force_grouping=True))]
        for column in self.columns:
            if column.is_number:
                total = self.totals[column.key]
                total = int(total) if total == int(total) else round(float(total), 1)
                figures.append((str(column.label), number_format(total, force_grouping=True)))
        return figures

    def chart(self) -> dict:
        """Bars as HTML, so that each label is printed in full and wraps when long."""
        bars = self.source.chart(self.filters)
        highest = max((value for _label, value in bars), default=0) or 1
        return {
            "title": self.source.chart_title,
            "bars": [
                {
                    "label": label,
                    "value": number_format(value, force_grouping=True),
                    "percent": f"{max(CHART_BAR_SHARE * float(value) / float(highest), 0.5):.1f}",
                }
                for label, value in bars
            ],
        }

    def close(self):
        context = {
            "title": self.title,
            "about": self.about(),
            "summary": self.summary(),
            "chart": self.chart(),
            "columns": with_widths(self.columns),
            "programme": programme_names(self.filters),
            "rows": self.rows,
            "truncated": self.count > len(self.rows),
            "shown": len(self.rows),
            "count": self.count,
            "generated_at": self.generated_at,
        }
        pdf_write(self.path, template="reports/pdf/report.html", context=context)


def with_widths(columns) -> list[tuple]:
    """Each column with its share of the table's width, as a CSS percentage."""
    weights = [COLUMN_WEIGHTS[column.kind] for column in columns]
    total = sum(weights)
    return [
        (column, f"{100 * weight / total:.2f}%")
        for column, weight in zip(columns, weights, strict=True)
    ]


def pdf_write(path, *, template: str, context: dict) -> None:
    html = render_to_string(template, context)
    # The vendored Noto fonts cover Latin, Chinese, Devanagari (Nepali) and Burmese.
    css = render_to_string("reports/pdf/report.css", {"font_families": FONT_FAMILY})
    pdf_document(html=html, stylesheets=(css,)).write_pdf(path)


def annual_pdf_write(path, *, title: str, programme: str, about, sections) -> None:
    """The annual report: its tables one after the other, every row of each."""
    pdf_write(
        path,
        template="reports/pdf/annual.html",
        context={
            "title": title,
            "programme": programme,
            "about": about,
            "sections": [
                {
                    "title": section.title,
                    "columns": with_widths(section.columns),
                    "rows": [
                        [(column.shown(row), column.is_number) for column in section.columns]
                        for row in section.rows
                    ],
                }
                for section in sections
            ],
        },
    )


def annual_xlsx_write(path, *, about, sections) -> None:
    """The annual report as a workbook: a sheet per table, headers and HXL hashtags on top."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for section in sections:
        sheet = workbook.create_sheet(xlsx_sheet_title(section.title))
        sheet.append([str(column.label) for column in section.columns])
        for cell in sheet[1]:
            cell.font = bold
        sheet.append([column.hxl for column in section.columns])
        sheet.freeze_panes = "A3"
        for row in section.rows:
            sheet.append([column.value(row) for column in section.columns])
            for cell, column in zip(sheet[sheet.max_row], section.columns, strict=True):
                if column.kind == DATE:
                    cell.number_format = XLSX_DATE
                elif isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, never a formula
    sheet = workbook.create_sheet(xlsx_sheet_title(_("About")))
    for label, value in about:
        sheet.append([str(label), str(value)])
    workbook.save(path)


def xlsx_sheet_title(title: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    return "".join(" " if character in "[]:*?/\\" else character for character in title)[:31]


WRITERS = {
    ReportFormat.CSV: CsvWriter,
    ReportFormat.XLSX: XlsxWriter,
    ReportFormat.PDF: PdfWriter,
}


def writer_for(report_format: str) -> type[Writer]:
    return WRITERS[report_format]

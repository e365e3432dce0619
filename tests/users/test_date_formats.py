"""One unambiguous date format per language, on pages, in PDFs and in emails alike; the
browser's date picker still gets ISO dates."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from .test_dates import date_fields

DAY = datetime.date(2027, 6, 1)
MOMENT = datetime.datetime(2027, 6, 1, 14, 5, tzinfo=datetime.UTC)

# (language, the day, the day and time) as each language writes them (Unicode CLDR).
WRITTEN = [
    ("en", "1 Jun 2027", "1 Jun 2027, 14:05"),
    ("zh-hans", "2027年6月1日", "2027年6月1日 14:05"),
    ("ne", "2027 जुन 1", "2027 जुन 1, 14:05"),
    ("my", "2027၊ ဇွန် 1", "2027၊ ဇွန် 1 14:05"),
]


def test_every_language_is_checked():
    assert {language for language, _day, _moment in WRITTEN} == {
        code for code, _name in settings.LANGUAGES
    }


@pytest.mark.parametrize(("language", "day", "moment"), WRITTEN)
def test_a_date_reads_one_way_in_each_language(language, day, moment):
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == day
        # Short dates are the same: "06/01/2027" would be 1 June to some and 6 January to others.
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == day
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment
        # A date printed without a format, and each named format, agree on a page.
        page = Template(
            '{{ day }}|{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}'
        ).render(Context({"day": DAY}))
    assert page == f"{day}|{day}|{day}"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(
    ("name", "field"),
    [
        pytest.param(name, field, id=name)
        for name, field in date_fields()
        if getattr(field.widget, "input_type", "") == "date"
    ],
)
def test_date_inputs_stay_iso_for_the_date_picker(language, name, field):
    with translation.override(language):
        html = field.widget.render("day", DAY)
    assert 'value="2027-06-01"' in html, (name, html)


# The project's templates and each app's.
TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *Path(settings.BASE_DIR).glob("*/templates"),
]
# `|date:"…"` / `|time:'…'` with whatever format it names.
DATE_FILTER = re.compile(r"""\|(?:date|time):(["'])(?P<format>.*?)\1""")
NAMED_FORMATS = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "TIME_FORMAT",
}
# Machine-readable forms, allowed only inside a <time datetime="…"> attribute.
MACHINE_FORMATS = {"c", "Y-m-d"}


def template_files():
    for folder in TEMPLATE_DIRS:
        yield from (path for path in folder.rglob("*") if path.suffix in {".html", ".txt"})


def test_there_are_templates_to_scan():
    assert sum(1 for _path in template_files()) > 80


def test_no_template_hard_codes_a_date_format():
    found = []
    for path in template_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in DATE_FILTER.finditer(line):
                allowed = match["format"] in NAMED_FORMATS or (
                    match["format"] in MACHINE_FORMATS
                    and re.search(r'datetime="[^"]*$', line[: match.start()])
                )
                if not allowed:
                    found.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {match[0]}")
    assert found == []


def test_the_scan_finds_a_hard_coded_format():
    line = '<td>{{ day|date:"m/d/Y" }}</td><time datetime="{{ day|date:\'c\' }}">'
    assert [match["format"] for match in DATE_FILTER.finditer(line)] == ["m/d/Y", "c"]

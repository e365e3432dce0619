"""Burmese pages write dates, months and yes/no in Burmese (Django ships neither formats
nor these words for `my`)."""

import datetime

from django.template import Context, Template
from django.utils import formats, translation


def test_burmese_dates_name_the_month_in_burmese():
    with translation.override("my"):
        day = formats.date_format(datetime.date(2026, 11, 30), "DATE_FORMAT")
        month = formats.date_format(datetime.date(2026, 5, 1), "YEAR_MONTH_FORMAT")

    assert day == "2026၊ နိုဝင်ဘာ 30"
    assert month == "2026၊ မေ"


def test_burmese_yes_and_no_are_burmese():
    with translation.override("my"):
        text = Template("{{ yes|yesno }}/{{ no|yesno }}").render(Context({"yes": 1, "no": 0}))

    assert text == "ဟုတ်ကဲ့/မဟုတ်ပါ"


def test_other_languages_keep_their_formats():
    with translation.override("zh-hans"):
        assert formats.date_format(datetime.date(2026, 11, 30), "DATE_FORMAT") == "2026年11月30日"
    with translation.override("en"):
        assert formats.date_format(datetime.date(2026, 5, 1), "DATE_FORMAT") == "1 May 2026"

"""The soft checks behind the warnings shown where placements, opportunities and visas are
entered: each returns a text or None, and never refuses anything."""

import datetime

import pytest

from deployments.validators import (
    duration_months_warning,
    placement_duration_warning,
    visa_expiry_warning,
)

D = datetime.date


@pytest.mark.parametrize(
    ("months", "warns"), [(None, False), (1, True), (5, True), (6, False), (12, False), (13, True)]
)
def test_duration_months_warning_outside_6_to_12_months(months, warns):
    assert (duration_months_warning(months) is not None) == warns


def test_duration_months_warning_names_the_usual_range_and_the_duration():
    assert duration_months_warning(18) == (
        "Placements usually last 6 to 12 months. This one lasts 18 months."
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2027, 1, 31), D(2027, 7, 31), None),
        (D(2027, 8, 31), D(2028, 2, 29), None),  # six months to the month's last day
        (D(2027, 1, 31), D(2028, 1, 31), None),
        (D(2027, 1, 31), D(2027, 7, 30), "less than 6 months"),
        (D(2027, 1, 31), D(2028, 2, 1), "more than 12 months"),
        (None, D(2028, 2, 1), None),
        (D(2027, 1, 31), None, None),
        (D(2027, 1, 31), D(2027, 1, 1), None),  # the form refuses it; no second message
        (D(9999, 12, 1), D(9999, 12, 31), "less than 6 months"),
        (D(9999, 1, 1), D(9999, 12, 31), None),
    ],
)
def test_placement_duration_warning(start, end, expected):
    warning = placement_duration_warning(start, end)
    if expected is None:
        assert warning is None
    else:
        assert warning.startswith("Placements usually last 6 to 12 months.")
        assert expected in warning


def test_placement_duration_warning_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        warning = placement_duration_warning(D(2027, 1, 1), D(2027, 2, 1))
    assert warning is not None and "6" in warning


@pytest.mark.parametrize(
    ("expires_on", "planned_end", "warns"),
    [
        (D(2027, 6, 29), D(2027, 6, 30), True),
        (D(2027, 6, 30), D(2027, 6, 30), False),
        (D(2027, 7, 1), D(2027, 6, 30), False),
        (None, D(2027, 6, 30), False),
        (D(2027, 6, 29), None, False),
    ],
)
def test_visa_expiry_warning_before_the_planned_end(expires_on, planned_end, warns):
    warning = visa_expiry_warning(expires_on=expires_on, planned_end=planned_end)
    assert (warning is not None) == warns


def test_visa_expiry_warning_gives_both_dates():
    warning = visa_expiry_warning(expires_on=D(2027, 3, 1), planned_end=D(2027, 6, 30))
    assert warning == (
        "The visa expires on 1 Mar 2027, before the placement's planned end on 30 Jun 2027: "
        "renew it or plan its extension in time."
    )

"""The optional parts of the suite: how their skips are recognised, and when CI refuses them."""

import pytest

from tests import optional


def test_a_tagged_skip_reason_names_its_part():
    reason = optional.reason("browser", "Chromium is not installed")

    assert optional.part_of(f"Skipped: {reason}") == "browser"
    assert optional.part_of("Skipped: something else") is None
    assert optional.part_of("[nosuchpart] why") is None


@pytest.mark.parametrize(
    ("ci", "strict_skips", "expected"),
    [
        (None, None, False),
        ("true", None, True),
        ("true", "0", False),
        (None, "1", True),
    ],
)
def test_skips_are_failures_under_ci_unless_strict_skips_is_off(
    monkeypatch, ci, strict_skips, expected
):
    for name, value in (("CI", ci), (optional.STRICT_ENV, strict_skips)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)

    assert optional.strict() is expected


def test_the_summary_counts_tests_in_words():
    assert optional.PARTS["browser"].counted(1) == "1 browser test"
    assert optional.PARTS["browser"].counted(12) == "12 browser tests"

"""The fit line on opportunity cards counts what the opportunity asks, in each language's
plural forms, and says so when it asks for no skills or languages."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from deployments.selectors.matching import Fit


def fit(**fields) -> Fit:
    values = dict(
        score=80,
        skills_met=[],
        skills_missing=[],
        languages_met=[],
        languages_missing=[],
        available=True,
    )
    return Fit(**{**values, **fields})


def text(value: Fit, language: str = "en") -> str:
    with translation.override(language):
        html = Template("{% load fits %}{% fit_summary fit %}").render(Context({"fit": value}))
    return " ".join(html.split())


def test_fit_counts_the_skills_and_languages_asked():
    body = text(fit(skills_met=["Teaching"], skills_missing=["English"], languages_met=["en"]))

    assert "1 of 2 skills · 1 of 1 language ·" in body


def test_fit_says_when_nothing_is_asked():
    body = text(fit())

    assert "no skills asked · no languages asked" in body
    assert " of 0 " not in body


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "技能符合1/2项 · 无语言要求"),
        ("ne", "2 मध्ये 1 सीपहरू · कुनै भाषा मागिएको छैन"),
        ("my", "ကျွမ်းကျင်မှု 2 ခုအနက် 1 ခု · ဘာသာစကား မလိုအပ်ပါ"),
    ],
)
def test_fit_text_is_translated_with_plural_forms(language, expected):
    body = text(fit(skills_met=["Teaching"], skills_missing=["English"]), language)

    assert expected in body


@pytest.mark.parametrize(("count", "expected"), [(1, "for 1 month"), (9, "for 9 months")])
def test_available_months_take_the_plural_of_their_count(count, expected):
    import datetime
    from types import SimpleNamespace

    profile = SimpleNamespace(
        availability_from=datetime.date(2026, 3, 1), availability_months=count
    )
    with translation.override("en"):
        html = render_to_string(
            "deployments/includes/candidate.html", {"profile": profile, "application": None}
        )

    assert expected in html

"""LeanSelect: the markup of Django's Select, its given options joined once per language."""

import copy
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_countries import countries

from users.widgets import LeanSelect

CHOICES = [("", gettext_lazy("Any language")), ("en", "English"), ("ne", "Nepali <नेपाली>")]


def plain(html) -> str:
    return re.sub(r"\s*\n\s*", "", str(html))


def test_it_renders_what_django_renders_chosen_or_not():
    for value in ("", "ne", "xx", None):
        lean = LeanSelect(choices=CHOICES).render("language", value, {"id": "id_language"})
        django = forms.Select(choices=CHOICES).render("language", value, {"id": "id_language"})
        assert plain(lean) == plain(django)


def test_the_copies_forms_make_share_the_joined_options_but_not_the_choice():
    widget = LeanSelect(choices=CHOICES)
    first, second = copy.deepcopy(widget), copy.deepcopy(widget)

    assert 'value="ne" selected' in first.render("language", "ne")
    chosen_english = second.render("language", "en")
    assert 'value="en" selected' in chosen_english
    assert chosen_english.count("selected") == 1
    assert list(widget._joined) == [translation.get_language()]


def test_the_options_are_joined_for_each_language():
    widget = LeanSelect(choices=CHOICES)

    with translation.override("en"):
        english = widget.render("language", "")
    with translation.override("zh-hans"):
        chinese = widget.render("language", "")

    assert set(widget._joined) == {"en", "zh-hans"}
    with translation.override("zh-hans"):
        assert f">{CHOICES[0][1]}</option>" in chinese
    assert ">Any language</option>" in english


def test_choices_set_after_the_widget_was_made_are_never_kept():
    widget = copy.deepcopy(LeanSelect(choices=CHOICES))
    widget.choices = [("", "Any"), ("my", "Burmese")]

    html = widget.render("language", "my")

    assert '<option value="my" selected>Burmese</option>' in html
    assert "Nepali" not in html
    assert widget._joined == {}


@pytest.mark.django_db
def test_countries_are_named_and_sorted_in_the_language_of_the_page(client):
    """The country filters list their choices when a form renders, not when the module is
    imported (in English, whatever the visitor's language)."""
    url = reverse("deployments:opportunity-list")

    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<option value="NP">尼泊尔</option>' in chinese
    assert '<option value="NP">Nepal</option>' in english
    with translation.override("zh-hans"):
        in_chinese_order = [code for code, _name in countries]
    listed = re.findall(r'<option value="([A-Z]{2})">', chinese.split('name="country"')[1])
    assert listed[:20] == in_chinese_order[:20]


def test_a_widget_given_a_function_joins_its_options_once_per_language():
    calls = []

    def choices():
        calls.append(translation.get_language())
        return CHOICES

    widget = LeanSelect(choices=choices)
    for _ in range(3):
        copy.deepcopy(widget).render("language", "ne")

    assert calls == [translation.get_language()]

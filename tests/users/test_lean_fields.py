"""as_lean_field and as_lean_form write the markup crispy's bootstrap5 pack gives a field and a
form, in Python."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms

from deployments.forms import OpportunityFilterForm, PlacementFilterForm, ProjectFilterForm
from reports.forms import ReportRequestForm
from users.templatetags.lean_fields import as_lean_field, as_lean_form
from users.widgets import LeanSelect


class EveryKindForm(forms.Form):
    text = forms.CharField(label="Search <words>", help_text="Any <em>part</em> of a title.")
    number = forms.IntegerField(label="Year", required=False, min_value=2000)
    choice = forms.ChoiceField(choices=[("", "Any"), ("a", "A & B")], required=False)
    lean = forms.ChoiceField(choices=[("", "Any"), ("x", "X")], widget=LeanSelect)
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"class": "wide"}))
    flag = forms.BooleanField(required=False)
    many = forms.MultipleChoiceField(choices=[("a", "A")], required=False)


def normalised(html) -> str:
    """Markup without the whitespace between tags and around text, which crispy's templates
    leave and browsers ignore."""
    html = re.sub(r"\s*\n\s*", " ", str(html))
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


@pytest.mark.parametrize(
    "data",
    [None, {"text": "", "number": "1999", "choice": "z", "lean": "q", "date": "no", "flag": "on"}],
    ids=["unbound", "with errors"],
)
def test_every_kind_of_field_renders_as_crispy_renders_it(data):
    crispy, ours = EveryKindForm(data), EveryKindForm(data)

    for name in crispy.fields:
        assert normalised(as_lean_field(ours[name])) == normalised(as_crispy_field(crispy[name]))


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [PlacementFilterForm, OpportunityFilterForm])
def test_the_list_filters_render_as_crispy_renders_them(form_class):
    data = {"country": "XX", "status": "lost", "q": "water", "sdg": "4"}
    crispy, ours = form_class(data), form_class(data)
    crispy.is_valid(), ours.is_valid()

    for name in crispy.fields:
        assert normalised(as_lean_field(ours[name])) == normalised(as_crispy_field(crispy[name]))


@pytest.mark.django_db
def test_the_project_filters_render_as_crispy_renders_them():
    crispy, ours = ProjectFilterForm(programmes=[]), ProjectFilterForm(programmes=[])

    for name in crispy.fields:
        assert normalised(as_lean_field(ours[name])) == normalised(as_crispy_field(crispy[name]))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [None, {"kind": "nope", "period_from": "2026-05-01", "period_to": "2026-01-01", "year": "1"}],
    ids=["unbound", "with errors"],
)
def test_the_report_form_renders_as_crispy_renders_it(data, coordinator):
    crispy, ours = (ReportRequestForm(data, viewer=coordinator) for _ in range(2))
    if data:
        crispy.is_valid(), ours.is_valid()
        crispy.add_error(None, "Not <now>."), ours.add_error(None, "Not <now>.")

    assert normalised(as_lean_form(ours)) == normalised(as_crispy_form(crispy))
    assert ("Not &lt;now&gt;." in as_lean_form(ours)) == bool(data)

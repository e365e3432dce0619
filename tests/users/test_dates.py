"""Every date a person types is bounded to sane years, in every form of every app."""

import datetime
import importlib
import inspect

import pytest
from django import forms

from users.forms import SaneDateField, validate_sane_date

FORM_MODULES = [
    "users.forms",
    "notifications.forms",
    "partners.forms",
    "volunteers.forms",
    "deployments.forms",
    "knowledge.forms",
    "reports.forms",
]


def date_fields():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for _name, form_class in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form_class, forms.BaseForm) or form_class.__module__ != module_name:
                continue
            for field_name, field in form_class.base_fields.items():
                if isinstance(field, forms.DateField | forms.DateTimeField):
                    yield f"{module_name}.{form_class.__name__}.{field_name}", field


def test_there_are_date_fields_to_check():
    assert len(list(date_fields())) >= 15


@pytest.mark.parametrize(
    ("name", "field"), [pytest.param(name, field, id=name) for name, field in date_fields()]
)
def test_every_date_field_is_bounded(name, field):
    assert validate_sane_date in field.validators, name


@pytest.mark.parametrize(
    ("value", "valid"),
    [("1899-12-31", False), ("1900-01-01", True), ("2100-12-31", True), ("9999-12-31", False)],
)
def test_the_bounds(value, valid):
    field = SaneDateField()
    if valid:
        assert field.clean(value) == datetime.date.fromisoformat(value)
    else:
        with pytest.raises(forms.ValidationError):
            field.clean(value)


def test_a_date_input_tells_the_browser_the_bounds():
    field = SaneDateField(widget=forms.DateInput(attrs={"type": "date"}))
    assert (field.widget.attrs["min"], field.widget.attrs["max"]) == ("1900-01-01", "2100-12-31")

"""Form widgets shared by every app's forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import CallableChoiceIterator
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


class LeanSelect(forms.Select):
    """A select of flat choices, its options joined in Python.

    The country (about 250) and language (184) filters rendered each option through a template
    of its own: half the time of the pages that show them. The markup is the same. The options
    of choices given here (not set later by a field) are joined once per language, and the
    chosen one marked in the joined text; choices given as a function are listed in each
    language (country names, sorted in the language they are shown in)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        # Shared with the copy of the widget each form makes: only `attrs` and `choices` are
        # copied anew.
        self._given_choices = self.choices
        self._joined = {}

    def _has_given_choices(self) -> bool:
        given, current = self._given_choices, self.choices
        if isinstance(given, CallableChoiceIterator):
            # Choices listed in the active language: each copy of the widget wraps the same
            # function anew.
            return isinstance(current, CallableChoiceIterator) and current.func is given.func
        return bool(given) and current == given

    def render(self, name, value, attrs=None, renderer=None):
        if self._has_given_choices():
            language = get_language()
            if language not in self._joined:
                self._joined[language] = self._options(set())
            options = self._joined[language]
            for chosen in self.format_value(value):
                option = f'<option value="{escape(chosen)}">'
                options = options.replace(option, f"{option[:-1]} selected>", 1)
        else:
            options = self._options({str(item) for item in self.format_value(value)})
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # every value and label is escaped in _options
        )

    def _options(self, selected: set[str]) -> str:
        return "".join(
            f'<option value="{escape(choice)}"{" selected" if str(choice) in selected else ""}>'
            f"{escape(label)}</option>"
            for choice, label in self.choices
        )


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO format, which it expects in every language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

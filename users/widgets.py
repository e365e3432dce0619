"""Form widgets shared by every app's forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class LeanSelect(forms.Select):
    """A select of flat choices, its options joined in Python.

    The country (about 250) and language (184) filters rendered each option through a template
    of its own: half the time of the pages that show them. The markup is the same."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(choice)}"{" selected" if str(choice) in selected else ""}>'
            f"{escape(label)}</option>"
            for choice, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # every value and label is escaped above
        )


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO format, which it expects in every language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

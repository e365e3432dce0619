import datetime

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupForm(AllauthSignupForm):
    """allauth's sign-up by email, asking also for the person's name and time zone."""

    name = forms.CharField(label=_("Full name"), max_length=200)
    time_zone = User._meta.get_field("time_zone").formfield(
        label=_("Time zone"),
        help_text=_("Deadlines and reminders are shown in this zone."),
    )

    field_order = ["name", "email", "time_zone", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = "true"


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "preferred_language", "time_zone"]


class NextUrlForm(forms.Form):
    """Where to go after a POST: a `next` address, kept only when it stays on this site.

    Read through a form, as all input is, so that odd bytes (a NUL, say) are refused here
    rather than reaching a header or the database.
    """

    next = forms.CharField(required=False, max_length=2000)

    def url(self, request, fallback: str) -> str:
        candidate = self.cleaned_data.get("next", "") if self.is_valid() else ""
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
        return fallback


class SetLanguageForm(NextUrlForm):
    language = forms.ChoiceField(choices=settings.LANGUAGES)


# Dates people type -------------------------------------------------------------------------
# A year like 9999 is accepted by a date input but breaks date arithmetic (an offer's end,
# a time zone's shift) and no deployment spans it; every date field of every form is bounded
# to these years.
MIN_YEAR, MAX_YEAR = 1900, 2100
EARLIEST_DATE = datetime.date(MIN_YEAR, 1, 1)
LATEST_DATE = datetime.date(MAX_YEAR, 12, 31)


def validate_sane_date(value) -> None:
    """Refuses a date or datetime outside the years MIN_YEAR to MAX_YEAR."""
    if value is None:
        return
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(
            _("Enter a date between %(first)d and %(last)d.")
            % {"first": MIN_YEAR, "last": MAX_YEAR},
            code="date_out_of_range",
        )


class _BoundedWidgetMixin:
    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        kind = widget.attrs.get("type") or getattr(widget, "input_type", "")
        if kind == "date":
            attrs.update(min=EARLIEST_DATE.isoformat(), max=LATEST_DATE.isoformat())
        return attrs


class SaneDateField(_BoundedWidgetMixin, forms.DateField):
    """A DateField bounded to the years MIN_YEAR to MAX_YEAR (use it for every date)."""

    default_validators = [validate_sane_date]


class SaneDateTimeField(_BoundedWidgetMixin, forms.DateTimeField):
    default_validators = [validate_sane_date]


def sane_formfield(db_field, **kwargs):
    """A ModelForm's `Meta.formfield_callback`: model date fields become bounded fields."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", SaneDateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", SaneDateField)
    return db_field.formfield(**kwargs)

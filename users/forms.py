from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
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

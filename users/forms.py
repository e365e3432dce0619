from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
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

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("Where you use it, e.g. “Field app on my phone”."),
    )

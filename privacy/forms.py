from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you ask for erasure?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class ErasureConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        required=True,
    )

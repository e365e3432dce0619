from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from deployments.models import Project, SustainableDevelopmentGoal
from users.forms import sane_formfield
from users.widgets import LeanSelect

from .enums import ResourceKind
from .models import Resource


class ResourceForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_("Optional: a PDF, JPEG or PNG of at most 10 MB."),
    )

    class Meta:
        formfield_callback = sane_formfield
        model = Resource
        fields = ["title", "kind", "body", "countries", "sdgs", "project", "visibility"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "sdgs": forms.CheckboxSelectMultiple,
            "countries": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(programme=programme).order_by(
            "title"
        )
        self.fields["sdgs"].queryset = SustainableDevelopmentGoal.objects.order_by("number")
        self.fields["sdgs"].label = _("Sustainable Development Goals")

    def service_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("title", "kind", "body", "countries", "sdgs", "project", "visibility")
        }


class ResourceCreateForm(ResourceForm):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None)

    class Meta(ResourceForm.Meta):
        fields = ["programme", *ResourceForm.Meta.fields]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, programme=None, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["project"].queryset = Project.objects.filter(programme__in=programmes).order_by(
            "title"
        )


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ResourceKind.choices]
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[("", _("Any country")), *countries],
        widget=LeanSelect,
    )


class PublishForm(forms.Form):
    """The publish button, or its "unpublish" twin."""

    action = forms.CharField(required=False, max_length=20)

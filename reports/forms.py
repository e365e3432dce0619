"""The report request form: only the choices the person may make are offered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from users.forms import MAX_YEAR, MIN_YEAR, SaneDateField
from users.widgets import DateInput

from . import selectors
from .enums import ReportFormat, ReportKind


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    format = forms.ChoiceField(
        label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.XLSX
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=None, required=False, empty_label=_("All you may see")
    )
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False, empty_label=_("All you may see")
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=None,
        required=False,
        empty_label=_("Any"),
        help_text=_("The host partner or another partner of the projects."),
    )
    country = forms.ChoiceField(label=_("Host country"), required=False)
    period_from = SaneDateField(label=_("From"), required=False, widget=DateInput)
    period_to = SaneDateField(label=_("To"), required=False, widget=DateInput)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("For the programme annual report (PDF or XLSX), with its programme."),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = selectors.report_programme_choices(viewer=viewer)
        self.fields["project"].queryset = selectors.report_project_choices(viewer=viewer)
        self.fields["organisation"].queryset = selectors.report_organisation_choices(viewer=viewer)
        self.fields["country"].choices = [
            ("", _("Any")),
            *selectors.report_country_choices(viewer=viewer),
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("The end of the period comes before its start."))
        return cleaned

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "programme": data["programme"].pk if data.get("programme") else None,
            "project": data["project"].pk if data.get("project") else None,
            "organisation": data["organisation"].pk if data.get("organisation") else None,
            "country": data.get("country") or "",
            "period_from": data.get("period_from"),
            "period_to": data.get("period_to"),
            "year": data.get("year"),
        }

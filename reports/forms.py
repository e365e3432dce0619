"""The report request form: only the choices the person may make are offered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from users.forms import MAX_YEAR, MIN_YEAR, SaneDateField
from users.widgets import DateInput, LeanSelect

from . import selectors
from .enums import ReportFormat, ReportKind

# The columns each model choice's label (its __str__) reads.
LABEL_FIELDS = {
    "programme": ("name",),
    "project": ("title",),
    "organisation": ("name", "acronym"),
}


class ReportRequestForm(forms.Form):
    # Every select is a LeanSelect: a coordinator's projects and organisations run to hundreds
    # of options, and rendering each through a template of its own took most of the page.
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices, widget=LeanSelect)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=ReportFormat.choices,
        initial=ReportFormat.XLSX,
        widget=LeanSelect,
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=None,
        required=False,
        empty_label=_("All you may see"),
        widget=LeanSelect,
    )
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=None,
        required=False,
        empty_label=_("All you may see"),
        widget=LeanSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=None,
        required=False,
        empty_label=_("Any"),
        help_text=_("The host partner or another partner of the projects."),
        widget=LeanSelect,
    )
    country = forms.ChoiceField(label=_("Host country"), required=False, widget=LeanSelect)
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
        for name, label_fields in LABEL_FIELDS.items():
            field = self.fields[name]
            # Rendered from one plain query of the columns the labels read; the field's own
            # iterator loads whole rows through a server-side cursor, for each time the widget
            # looks at its choices. The field still checks a posted choice against its queryset.
            field.widget.choices = [
                ("", field.empty_label),
                *(
                    (row.pk, field.label_from_instance(row))
                    for row in field.queryset.only(*label_fields)
                ),
            ]
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

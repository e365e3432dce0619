"""Forms for programmes, projects, needs assessments, indicators and opportunities.

Forms only read and validate input; the views hand the cleaned data to `services`.
"""

from django import forms
from django.core.validators import MinValueValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partners.models import Organisation
from volunteers.enums import language_choices
from volunteers.models import Skill

from . import selectors
from .enums import OpportunityStatus, ProjectStatus
from .models import (
    Indicator,
    NeedsAssessment,
    Opportunity,
    OpportunityLanguage,
    Programme,
    Project,
    ProjectPartner,
)
from .services import NEEDS_ASSESSMENT_FIELDS, OPPORTUNITY_FIELDS, PROJECT_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


# Programmes


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["description", "partners", "blind_review"]
        widgets = {"partners": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.order_by("name")
        self.fields["partners"].help_text = _("Hold Ctrl (or Cmd) to choose several organisations.")


# Projects


class ProjectForm(forms.ModelForm):
    """A project's own fields; the programme is chosen only when the project is made."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())

    class Meta:
        model = Project
        fields = ["programme", *PROJECT_FIELDS, "sdgs"]
        widgets = {
            "sdgs": forms.CheckboxSelectMultiple,
            "starts_on": DateInput,
            "ends_on": DateInput,
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "latitude": _("Optional, in decimal degrees, e.g. 27.71724."),
            "longitude": _("Optional, in decimal degrees, e.g. 85.32396."),
        }

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is None:  # an existing project stays in its programme
            del self.fields["programme"]
        else:
            self.fields["programme"].queryset = programmes
        self.fields["host_partner"].queryset = Organisation.objects.order_by("name")
        self.fields["sdgs"].queryset = selectors.sdg_list()
        self.fields["sdgs"].label = _("Sustainable Development Goals")

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return cleaned

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS}


class ProjectPartnerForm(forms.ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role"]
        labels = {"role": _("IATI role")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


ProjectPartnerFormSet = inlineformset_factory(
    Project,
    ProjectPartner,
    form=ProjectPartnerForm,
    extra=2,
    can_delete=True,
)


def formset_rows(formset, *fields: str) -> list[tuple]:
    """The kept rows of a valid formset, as tuples of the named cleaned values."""
    return [
        tuple(form.cleaned_data[name] for name in fields)
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class ProjectTransitionForm(forms.Form):
    to = forms.ChoiceField(choices=ProjectStatus.choices)
    note = forms.CharField(required=False, max_length=2000)


# Needs assessments


class NeedsAssessmentForm(forms.ModelForm):
    class Meta:
        model = NeedsAssessment
        fields = list(NEEDS_ASSESSMENT_FIELDS)
        widgets = {
            "assessed_on": DateInput,
            "community_consulted": forms.Textarea(attrs={"rows": 3}),
            "needs_found": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        requested_by = self.fields["requested_by"]
        requested_by.queryset = Organisation.objects.filter(pk=project.host_partner_id)
        requested_by.empty_label = None
        if not self.initial.get("requested_by"):
            self.initial["requested_by"] = project.host_partner_id

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in NEEDS_ASSESSMENT_FIELDS}


# Indicators


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        for name in ("baseline", "target"):
            field = self.fields[name]
            field.min_value = 0
            field.widget.attrs["min"] = 0
            field.validators.append(
                MinValueValidator(0, message=_("Enter a number that is zero or more."))
            )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        duplicates = Indicator.objects.filter(project=self.project, name__iexact=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("This project already has an indicator with this name."))
        return name


# Opportunities


class OpportunityForm(forms.ModelForm):
    new_skills = forms.CharField(
        label=_("New skills, comma separated"),
        required=False,
        max_length=500,
        help_text=_("Skills not in the list above, e.g. “Early childhood education, Nepali”."),
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "description",
            "skills",
            "new_skills",
            "seats",
            "duration_months",
            "starts_on",
            "application_deadline",
            "questions",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "skills": forms.SelectMultiple(attrs={"size": 8}),
            "starts_on": DateInput,
            "application_deadline": DateTimeInput,
            "questions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "application_deadline": _("In your own time zone."),
            "seats": _("From 1 to 100."),
            "duration_months": _("From 1 to 24 months."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = Skill.objects.order_by("name")
        self.fields["skills"].required = False
        limits = {"seats": (1, 100), "duration_months": (1, 24)}
        for name, (low, high) in limits.items():
            field = self.fields[name]
            field.min_value, field.max_value = low, high
            field.widget.attrs.update({"min": low, "max": high})

    def clean(self):
        cleaned = super().clean()
        deadline, starts_on = cleaned.get("application_deadline"), cleaned.get("starts_on")
        if deadline and starts_on and deadline.date() >= starts_on:
            self.add_error(
                "application_deadline",
                _("The application deadline must be before the start date."),
            )
        return cleaned

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in OPPORTUNITY_FIELDS}


class OpportunityLanguageForm(forms.ModelForm):
    class Meta:
        model = OpportunityLanguage
        fields = ["language", "minimum_level"]


OpportunityLanguageFormSet = inlineformset_factory(
    Opportunity,
    OpportunityLanguage,
    form=OpportunityLanguageForm,
    extra=2,
    can_delete=True,
)


class OpportunityTransitionForm(forms.Form):
    to = forms.ChoiceField(choices=OpportunityStatus.choices)
    note = forms.CharField(required=False, max_length=2000)


# Filters (GET forms: invalid values become form errors, never a server error)


def country_choices(blank_label):
    return [("", blank_label), *countries]


class CountryCodeField(forms.CharField):
    """An ISO 3166-1 alpha-2 code, in any case."""

    default_error_messages = {
        "unknown": _("“%(code)s” is not an ISO 3166 country code, such as NP or MM."),
    }

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def validate(self, value):
        super().validate(value)
        if value and value not in countries:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": value}
            )


class SdgField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            coerce=int,
            empty_value=None,
            required=False,
            label=_("SDG"),
            error_messages={
                "invalid_choice": _("Choose a Sustainable Development Goal between 1 and 17.")
            },
            **kwargs,
        )

    def load_choices(self, blank_label):
        self.choices = [
            ("", blank_label),
            *((goal.number, str(goal)) for goal in selectors.sdg_list()),
        ]


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = CountryCodeField(
        label=_("Country"),
        required=False,
        widget=forms.Select(choices=country_choices(_("Any country"))),
    )
    sdg = SdgField()
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProjectStatus.choices],
    )
    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None, choices=[]
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg"].load_choices(_("Any SDG"))
        self.fields["programme"].choices = [
            ("", _("Any programme")),
            *((programme.pk, programme.name) for programme in programmes),
        ]


DURATION_RANGES = {"1-6": (1, 6), "7-12": (7, 12), "13-24": (13, 24)}


class LanguageCodeField(forms.CharField):
    default_error_messages = {
        "unknown": _("“%(code)s” is not an ISO 639-1 language code, such as en or ne."),
    }

    def to_python(self, value):
        return super().to_python(value).strip().lower()

    def validate(self, value):
        super().validate(value)
        if value and value not in dict(language_choices()):
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": value}
            )


class OpportunityFilterForm(forms.Form):
    """The public filters, all GET parameters: country, sdg, q, skill, language, duration."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = CountryCodeField(
        label=_("Country"),
        required=False,
        widget=forms.Select(choices=country_choices(_("Any country"))),
    )
    sdg = SdgField()
    skill = forms.CharField(
        label=_("Skill"),
        required=False,
        max_length=80,
        help_text=_("A skill name, e.g. Teaching."),
    )
    language = LanguageCodeField(
        label=_("Language"),
        required=False,
        widget=forms.Select(choices=[("", _("Any language")), *language_choices()]),
    )
    duration = forms.ChoiceField(
        label=_("Duration"),
        required=False,
        choices=[
            ("", _("Any duration")),
            ("1-6", _("1 to 6 months")),
            ("7-12", _("7 to 12 months")),
            ("13-24", _("13 to 24 months")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg"].load_choices(_("Any SDG"))

    def selector_filters(self) -> dict:
        """The valid filters only: an invalid one is reported and ignored."""
        data = getattr(self, "cleaned_data", {})
        filters = {
            name: data[name]
            for name in ("q", "country", "sdg", "skill", "language")
            if data.get(name)
        }
        if data.get("duration"):
            filters["duration_min"], filters["duration_max"] = DURATION_RANGES[data["duration"]]
        return filters

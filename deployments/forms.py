"""Forms for programmes, projects, needs assessments, indicators and opportunities.

Forms only read and validate input; the views hand the cleaned data to `services`.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from notifications.services import localised
from partners.models import Organisation
from users.forms import SaneDateField, sane_formfield
from users.widgets import DateInput, LeanSelect
from volunteers.enums import language_choices, language_names
from volunteers.models import Skill

from . import selectors
from .enums import (
    ActivityLogStatus,
    ApplicationStatus,
    CheckInStatus,
    OpportunityStatus,
    PlacementStatus,
    ProjectStatus,
    Recommendation,
)
from .models import (
    ActivityLog,
    Appraisal,
    Indicator,
    IndicatorMeasurement,
    MonthlyReport,
    NeedsAssessment,
    Opportunity,
    OpportunityLanguage,
    Placement,
    PreDepartureItem,
    Programme,
    Project,
    ProjectPartner,
    Review,
)
from .sdgs import sdg_label
from .services import (
    ACTIVITY_LOG_FIELDS,
    NEEDS_ASSESSMENT_FIELDS,
    OPPORTUNITY_FIELDS,
    PROJECT_FIELDS,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


# Programmes


class PartnershipProposeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "Verified organisations without a partnership with this programme. An "
            "administrator of the organisation accepts or declines."
        ),
    )
    message = forms.CharField(
        label=_("Message to the organisation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PartnershipEndForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProgrammeForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = Programme
        fields = ["description", "blind_review", "partners_require_mfa"]


# Projects


class ProjectForm(forms.ModelForm):
    """A project's own fields; the programme is chosen only when the project is made."""

    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())

    class Meta:
        formfield_callback = sane_formfield
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

    def __init__(self, *args, organisations, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is None:  # an existing project stays in its programme
            del self.fields["programme"]
        else:
            self.fields["programme"].queryset = programmes
        self.fields["host_partner"].queryset = organisations
        self.fields["host_partner"].help_text = _(
            "Only organisations that accepted a partnership with the programme are listed."
        )
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


class ProgrammeWantedForm(forms.Form):
    """The programme a new project is for, named in the address (?programme=<id>)."""

    programme = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class ProjectPartnerForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = ProjectPartner
        fields = ["organisation", "role"]
        labels = {"role": _("IATI role")}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


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
        formfield_callback = sane_formfield
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
        formfield_callback = sane_formfield
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "source"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["source"].required = False
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
        formfield_callback = sane_formfield
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
        formfield_callback = sane_formfield
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
    """The blank choice, then every country by its name in the request's language, sorted in
    that language: listed when a form renders, not once when this module is imported."""
    return lambda: [("", blank_label), *countries]


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
            widget=LeanSelect,
            error_messages={
                "invalid_choice": _("Choose a Sustainable Development Goal between 1 and 17.")
            },
            **kwargs,
        )

    def load_choices(self, blank_label):
        self.choices = [
            ("", blank_label),
            *((goal.number, sdg_label(goal)) for goal in selectors.sdg_list()),
        ]


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = CountryCodeField(
        label=_("Country"),
        required=False,
        widget=LeanSelect(choices=country_choices(_("Any country"))),
    )
    sdg = SdgField()
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProjectStatus.choices],
        widget=LeanSelect,
    )
    programme = forms.TypedChoiceField(
        label=_("Programme"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
        widget=LeanSelect,
    )

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg"].load_choices(_("Any SDG"))
        self.fields["programme"].choices = [
            ("", _("Any programme")),
            *((programme.pk, programme.name) for programme in programmes),
        ]

    def selector_filters(self) -> dict:
        """The valid filters only: an invalid one is reported and ignored."""
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in ("", None)}


DURATION_RANGES = {"1-6": (1, 6), "7-12": (7, 12), "13-24": (13, 24)}


class LanguageCodeField(forms.CharField):
    default_error_messages = {
        "unknown": _("“%(code)s” is not an ISO 639-1 language code, such as en or ne."),
    }

    def to_python(self, value):
        return super().to_python(value).strip().lower()

    def validate(self, value):
        super().validate(value)
        if value and value not in language_names():
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": value}
            )


class OpportunityFilterForm(forms.Form):
    """The public filters, all GET parameters: country, sdg, q, skill, language, duration."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = CountryCodeField(
        label=_("Country"),
        required=False,
        widget=LeanSelect(choices=country_choices(_("Any country"))),
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
        widget=LeanSelect(choices=[("", _("Any language")), *language_choices()]),
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
        widget=LeanSelect,
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


# Applications and reviews --------------------------------------------------------------------


class ApplicationForm(forms.Form):
    """The motivation and one answer per question of the opportunity."""

    motivation = forms.CharField(
        label=_("Your motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Why this role, and what you bring to the host community."),
    )

    def __init__(self, *args, opportunity, application=None, **kwargs):
        initial = kwargs.pop("initial", {})
        if application is not None:
            initial["motivation"] = application.motivation
        self.questions = opportunity.question_list
        for number, question in enumerate(self.questions):
            if application is not None:
                initial[f"answer_{number}"] = application.answers.get(question, "")
        super().__init__(*args, initial=initial, **kwargs)
        for number, question in enumerate(self.questions):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 3}), required=False
            )

    def answers(self) -> dict[str, str]:
        return {
            question: self.cleaned_data.get(f"answer_{number}", "")
            for number, question in enumerate(self.questions)
        }


class SubmitActionForm(forms.Form):
    """Which button saved the application: "submit" sends it, anything else keeps a draft."""

    action = forms.CharField(required=False, max_length=20)


class TransitionNoteForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput, max_length=40)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The volunteer reads this reason."),
    )


class ReleaseForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Release to"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one partner organisation.")},
    )
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers (optional)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Without a choice, the portal asks the reviewer of each organisation who has "
            "the fewest reviews to do."
        ),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = selectors.release_organisation_choices(
            application=application
        )
        self.fields["reviewers"].queryset = selectors.release_reviewer_choices(
            application=application
        )
        self.fields["reviewers"].label_from_instance = lambda user: user.name or user.email


SCORE_CHOICES = [(score, str(score)) for score in range(1, 6)]


class ReviewForm(forms.ModelForm):
    skills_fit = forms.TypedChoiceField(
        label=_("Skills fit"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    language = forms.TypedChoiceField(
        label=_("Language"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    motivation = forms.TypedChoiceField(
        label=_("Motivation"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    intercultural_readiness = forms.TypedChoiceField(
        label=_("Intercultural readiness"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        formfield_callback = sane_formfield
        model = Review
        fields = [
            "skills_fit",
            "language",
            "motivation",
            "intercultural_readiness",
            "recommendation",
            "comment",
        ]
        widgets = {
            "recommendation": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"comment": _("1 is weak, 5 is excellent. The coordinators read this.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].required = True
        self.fields["recommendation"].choices = Recommendation.choices


class ConflictForm(forms.Form):
    comment = forms.CharField(
        label=_("What is the conflict? (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


BULK_ACTIONS = [
    (ApplicationStatus.SCREENING, _("Start screening")),
    (ApplicationStatus.SHORTLISTED, _("Shortlist")),
    (ApplicationStatus.REJECTED, _("Reject")),
]


class BulkActionForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one applicant.")},
    )
    # Bootstrap's classes here: the pipeline renders its fields without crispy-forms, whose
    # templates cost more than the widgets themselves on a page coordinators keep open.
    action = forms.ChoiceField(
        label=_("Action"), choices=BULK_ACTIONS, widget=LeanSelect(attrs={"class": "form-select"})
    )
    reason = forms.CharField(
        label=_("Reason (needed to reject)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = opportunity.applications.exclude(
            status=ApplicationStatus.DRAFT
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == ApplicationStatus.REJECTED and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason for the rejection."))
        return cleaned


class PipelineFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))]
        + [c for c in ApplicationStatus.choices if c[0] != ApplicationStatus.DRAFT],
    )
    q = forms.CharField(
        label=_("Name or email"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


# Placements and field work ------------------------------------------------------------------


class PlacementFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *PlacementStatus.choices],
        widget=LeanSelect,
    )
    country = CountryCodeField(
        label=_("Country"),
        required=False,
        widget=LeanSelect(choices=country_choices(_("Any country"))),
    )


class DashboardFilterForm(forms.Form):
    """Which programme, host country and period the dashboard's figures cover."""

    PERIOD_MONTHS = (3, 6, 12, 24)
    DEFAULT_PERIOD_MONTHS = 12

    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=None, empty_label=_("All my programmes")
    )
    country = CountryCodeField(
        label=_("Country"),
        required=False,
        widget=LeanSelect(choices=country_choices(_("Any country"))),
    )
    period = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_PERIOD_MONTHS,
        choices=lambda: [
            (
                months,
                ngettext("Last %(count)d month", "Last %(count)d months", months)
                % {"count": months},
            )
            for months in DashboardFilterForm.PERIOD_MONTHS
        ],
    )

    def __init__(self, *args, programmes, **kwargs):
        """`programmes`: the viewer's, as the dashboard has already read them; the menu lists
        them without reading them again, and a chosen one is checked to be among them."""
        super().__init__(*args, **kwargs)
        self.programmes = list(programmes)
        field = self.fields["programme"]
        field.queryset = Programme.objects.filter(pk__in=[p.pk for p in self.programmes])
        field.choices = [("", field.empty_label), *((p.pk, str(p)) for p in self.programmes)]

    def scope(self, *, today: datetime.date) -> selectors.DashboardScope:
        """The scope asked for, after is_valid(); a filter in error is left out (the form
        shows why), like the other lists' filters."""
        programme = self.cleaned_data.get("programme")
        programmes = [programme] if programme else self.programmes
        months = self.cleaned_data.get("period") or self.DEFAULT_PERIOD_MONTHS
        # Zero-based months since year 0: the period ends with this month.
        first_month = today.year * 12 + today.month - months
        start = datetime.date(first_month // 12, first_month % 12 + 1, 1)
        return selectors.DashboardScope(
            programme_ids=tuple(sorted(p.pk for p in programmes)),
            country=self.cleaned_data.get("country") or "",
            start=start,
            end=today,
        )


class PlacementForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = Placement
        fields = ["planned_start", "planned_end", "host_supervisor", "duty_station"]
        widgets = {"planned_start": DateInput, "planned_end": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_supervisor"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation=self.instance.project.host_partner_id)
            .order_by("name")
            .distinct()
        )
        self.fields["host_supervisor"].help_text = _("A member of the host partner.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_start"), cleaned.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("The placement cannot end before it starts."))
        return cleaned


class PlacementTransitionForm(forms.Form):
    to = forms.ChoiceField(choices=PlacementStatus.choices)
    on = SaneDateField(label=_("On"), required=False, widget=DateInput)
    note = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PreDepartureItemForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = PreDepartureItem
        fields = ["status", "required", "document", "expires_on", "note"]
        widgets = {"expires_on": DateInput, "note": forms.TextInput}

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = placement.volunteer.volunteer_documents.order_by(
            "kind", "-uploaded_at"
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos at once; each is checked by its content in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png", "capture": "environment"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ActivityLogForm(forms.ModelForm):
    """Quick to fill in on a phone: the essentials first, beneficiaries as number pads."""

    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Optional. Take or choose up to 6 photos (JPEG or PNG)."),
    )

    class Meta:
        formfield_callback = sane_formfield
        model = ActivityLog
        fields = list(ACTIVITY_LOG_FIELDS)
        widgets = {
            "date": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
            "latitude": forms.HiddenInput,
            "longitude": forms.HiddenInput,
        }

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        start = placement.actual_start or placement.planned_start
        end = placement.actual_end or placement.planned_end
        self.today = selectors.today_for(placement.volunteer)
        self.period = (start, min(end, self.today))
        self.fields["date"].widget.attrs.update(
            {"min": start.isoformat(), "max": self.period[1].isoformat()}
        )
        if not self.instance.pk:
            self.initial.setdefault("date", min(self.today, end))
        hours = self.fields["hours"].widget.attrs
        hours.update({"step": "0.5", "min": "0.5", "max": "24", "inputmode": "decimal"})
        for name in ("women", "men", "girls", "boys"):
            self.fields[name].required = False  # empty means nobody
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        self.fields["sdg"].queryset = placement.project.sdgs.order_by("number")
        self.fields["sdg"].label_from_instance = sdg_label
        self.fields["place"].widget.attrs["data-geolocation-target"] = "place"

    def clean_date(self):
        date = self.cleaned_data["date"]
        start, last = self.period
        if date > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if not start <= date <= last:
            raise forms.ValidationError(
                _("The date must lie within the placement, %(start)s to %(end)s.")
                % localised({"start": start, "end": last})
            )
        return date

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and not 0 < hours <= 24:
            raise forms.ValidationError(_("Hours must be more than 0 and at most 24."))
        return hours

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACTIVITY_LOG_FIELDS}


LOG_REVIEW_ACTIONS = [
    (ActivityLogStatus.APPROVED, _("Approve")),
    (ActivityLogStatus.RETURNED, _("Return for correction")),
]


class ActivityLogReviewForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=LOG_REVIEW_ACTIONS)
    comment = forms.CharField(
        label=_("Comment (needed to return)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == ActivityLogStatus.RETURNED and not cleaned.get("comment"):
            self.add_error("comment", _("Say what should be corrected."))
        return cleaned


class ActivityLogBulkReviewForm(ActivityLogReviewForm):
    logs = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one log.")},
    )

    def __init__(self, *args, logs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logs"].queryset = logs


class SupervisorCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    verified = forms.BooleanField(label=_("I confirm this work was done"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("comment") and not cleaned.get("verified"):
            raise forms.ValidationError(_("Write a comment or mark the log verified."))
        return cleaned


class MonthField(SaneDateField):
    """A month, as the browser's month input sends it (YYYY-MM); the first of that month."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class MonthlyReportForm(forms.ModelForm):
    month = MonthField(label=_("Month"))

    class Meta:
        formfield_callback = sane_formfield
        model = MonthlyReport
        fields = ["month", "achievements", "challenges", "support_needed"]
        widgets = {
            "achievements": forms.Textarea(attrs={"rows": 4}),
            "challenges": forms.Textarea(attrs={"rows": 3}),
            "support_needed": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement
        self.initial.setdefault("month", selectors.today_for(placement.volunteer).replace(day=1))

    def clean_month(self):
        month = self.cleaned_data["month"]
        if MonthlyReport.objects.filter(placement=self.placement, month=month).exists():
            raise forms.ValidationError(
                _("You already reported on %(month)s.") % {"month": f"{month:%Y-%m}"}
            )
        return month

    def validate_unique(self):
        """The month is checked above; the service and the database check it again."""


class CheckInForm(forms.Form):
    status = forms.ChoiceField(choices=CheckInStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class CheckInResponseForm(forms.Form):
    """Acknowledging or resolving an emergency; resolving needs a note (the service says so)."""

    note = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AppraisalForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = Appraisal
        fields = [
            "performance",
            "collaboration",
            "cultural_adaptation",
            "impact",
            "strengths",
            "areas_to_improve",
            "recommend_again",
        ]
        widgets = {
            name: forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)])
            for name in ("performance", "collaboration", "cultural_adaptation", "impact")
        } | {
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "areas_to_improve": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"performance": _("1 is poor, 5 is excellent.")}


class LessonsForm(forms.Form):
    lessons = forms.CharField(
        label=_("Your lessons learned"),
        min_length=20,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What worked, what did not, and what you would tell the next volunteer. "
            "The programme may publish it in the knowledge base after editing."
        ),
    )


class IndicatorMeasurementForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = IndicatorMeasurement
        fields = ["date", "value", "note"]
        widgets = {"date": DateInput, "note": forms.TextInput}

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("Enter a number that is zero or more."))
        return value

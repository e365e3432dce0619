from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from users.forms import SaneDateField, sane_formfield
from users.widgets import DateInput

from .enums import KINDS_WITH_EXPIRY, DocumentKind
from .models import (
    MAX_AVAILABILITY_MONTHS,
    MIN_AVAILABILITY_MONTHS,
    Skill,
    VolunteerLanguage,
    VolunteerProfile,
)
from .services import PROFILE_FIELDS
from .validators import MAX_DOCUMENT_SIZE, validate_date_of_birth

MAX_LANGUAGES = 20


class ProfileForm(forms.ModelForm):
    """The whole profile on one page, in sections (see `sections`)."""

    other_skills = forms.CharField(
        label=_("Other skills"),
        required=False,
        max_length=500,
        help_text=_("Skills not in the list above, separated by commas."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the portal stores and processes my personal data and documents to "
            "find, prepare and support my volunteer placement."
        ),
        required=False,
    )

    SECTIONS = (
        ("about", _("About you"), ("name_native_script", "date_of_birth", "nationality")),
        ("contact", _("Contact"), ("phone", "city", "country_of_residence")),
        (
            "education",
            _("Education and experience"),
            ("education_level", "education", "field_of_study", "experience"),
        ),
        ("skills", _("Skills and languages"), ("skills", "other_skills")),
        (
            "availability",
            _("Availability and preferences"),
            ("availability_from", "availability_months", "preferred_countries"),
        ),
        (
            "emergency",
            _("Emergency contact"),
            ("emergency_contact_name", "emergency_contact_relation", "emergency_contact_phone"),
        ),
        ("consent", _("Consent"), ("consent",)),
    )

    class Meta:
        formfield_callback = sane_formfield
        model = VolunteerProfile
        fields = [*PROFILE_FIELDS, "skills"]
        widgets = {
            "date_of_birth": DateInput(attrs={"autocomplete": "bday"}),
            "availability_from": DateInput(),
            "education": forms.Textarea(attrs={"rows": 3}),
            "experience": forms.Textarea(attrs={"rows": 5}),
            "skills": forms.CheckboxSelectMultiple,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "emergency_contact_phone": forms.TextInput(attrs={"type": "tel"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].validators.append(validate_date_of_birth)
        self.fields["skills"].queryset = Skill.objects.order_by("name")
        self.fields["skills"].help_text = _("Tick every skill you can offer.")
        self.fields["availability_months"].widget.attrs.update(
            {"min": MIN_AVAILABILITY_MONTHS, "max": MAX_AVAILABILITY_MONTHS}
        )
        self.fields["preferred_countries"].widget.attrs["size"] = 8
        self.fields["preferred_countries"].help_text = _(
            "Where you would like to serve; choose several with Ctrl or ⌘, or none for anywhere."
        )
        given_at = self.instance.consent_given_at if self.instance.pk else None
        if given_at is not None:
            # Consent once given is taken back only with the explicit withdraw button.
            self.fields["consent"].disabled = True
            self.fields["consent"].initial = True
            self.fields["consent"].help_text = _(
                "Given on %(date)s; to take it back, use “Withdraw consent” below the form."
            ) % {"date": formats.date_format(timezone.localtime(given_at), "DATETIME_FORMAT")}
        else:
            self.fields["consent"].help_text = _(
                "Needed before you can apply. You can withdraw it later."
            )

    def sections(self):
        """(id, title, bound fields) per section of the page, in order."""
        return [(key, title, [self[name] for name in names]) for key, title, names in self.SECTIONS]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in PROFILE_FIELDS},
            "skills": list(data["skills"]),
            "other_skills": data["other_skills"],
            "consent": True if self.fields["consent"].disabled else data["consent"],
        }


class VolunteerLanguageForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = VolunteerLanguage
        fields = ["language", "level"]


LanguageFormSet = inlineformset_factory(
    VolunteerProfile,
    VolunteerLanguage,
    form=VolunteerLanguageForm,
    extra=2,
    can_delete=True,
    max_num=MAX_LANGUAGES,
    validate_max=True,
)


def language_pairs(formset) -> list[tuple[str, str]]:
    """The (language, level) pairs a valid language formset keeps."""
    return [
        (form.cleaned_data["language"], form.cleaned_data["level"])
        for form in formset.forms
        if form.cleaned_data
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("language")
    ]


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            _("A PDF, or a photo or scan as JPEG or PNG; at most {size} MB."),
            size=MAX_DOCUMENT_SIZE // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )
    expires_on = SaneDateField(
        label=_("Expires on"),
        required=False,
        widget=DateInput(),
        help_text=_("Required for a passport, a visa and an insurance."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") in KINDS_WITH_EXPIRY
            and not cleaned.get("expires_on")
            and "expires_on" not in self.errors
        ):
            self.add_error(
                "expires_on",
                ValidationError(
                    _(
                        "Add the expiry date: it is required for a passport, a visa and an "
                        "insurance."
                    ),
                    code="expiry_required",
                ),
            )
        return cleaned

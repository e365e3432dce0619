from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from users.forms import sane_formfield
from users.widgets import DateInput, LeanSelect

from .enums import AgreementStatus, MemberRole, OrganisationKind
from .models import Agreement, Organisation
from .selectors import OrganisationFilters
from .services import (
    AGREEMENT_FIELDS,
    MIN_AGREEMENT_PARTIES,
    ORGANISATION_FIELDS,
    agreement_document_check,
)
from .validators import normalise_name

VERIFIED_CHOICES = [("", _("Verified or not")), ("yes", _("Verified")), ("no", _("Not verified"))]


class OrganisationFilterForm(forms.Form):
    """The directory's search and filters, read from the query string."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any kind")), *OrganisationKind.choices],
    )
    country = CountryField(blank=True).formfield(
        label=_("Country"), required=False, empty_label=_("Any country"), widget=LeanSelect
    )
    verified = forms.ChoiceField(label=_("Verified"), required=False, choices=VERIFIED_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Name, acronym or city")

    def filters(self) -> OrganisationFilters:
        """The valid filters; an invalid value is ignored rather than refused."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        verified = {"yes": True, "no": False}.get(data.get("verified") or "")
        return OrganisationFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            country=data.get("country") or "",
            verified=verified,
        )


class OrganisationForm(forms.ModelForm):
    website = Organisation._meta.get_field("website").formfield(assume_scheme="https")

    class Meta:
        formfield_callback = sane_formfield
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean_name(self):
        return normalise_name(self.cleaned_data.get("name", ""))

    def clean_iati_identifier(self):
        identifier = self.cleaned_data.get("iati_identifier", "")
        if (
            identifier
            and Organisation.objects.filter(iati_identifier=identifier)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(
                _("Another organisation already has this IATI identifier."), code="duplicate"
            )
        return identifier

    def clean(self):
        cleaned = super().clean()
        name, country = cleaned.get("name"), cleaned.get("country")
        if (
            name
            and country
            and Organisation.objects.filter(name__iexact=name, country=country)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "name", _("An organisation with this name is already registered in this country.")
            )
        return cleaned

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS}


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Roles"))
        kwargs.setdefault("choices", MemberRole.choices)
        kwargs.setdefault("error_messages", {"required": _("Choose at least one role.")})
        super().__init__(**kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The person accepts with an account using this address."),
    )
    roles = RolesField()

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if (
            self.organisation is not None
            and self.organisation.memberships.filter(user__email__iexact=email).exists()
        ):
            raise ValidationError(
                _("This person is already a member. Change their roles in the list below."),
                code="already_member",
            )
        return email


class MemberRolesForm(forms.Form):
    roles = RolesField()

    @classmethod
    def for_membership(cls, membership, data=None):
        return cls(data, initial={"roles": [str(role) for role in membership.roles]})


class AgreementForm(forms.ModelForm):
    class Meta:
        formfield_callback = sane_formfield
        model = Agreement
        fields = [*AGREEMENT_FIELDS[:2], "organisations", *AGREEMENT_FIELDS[2:], "document"]
        widgets = {
            "signed_on": DateInput,
            "starts_on": DateInput,
            "ends_on": DateInput,
            "organisations": forms.CheckboxSelectMultiple,
            "document": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "organisations": _(
                "Choose at least two parties: your programme's sending organisation and "
                "partners that accepted a partnership with your programme. Each party's "
                "administrator confirms the agreement before it becomes active."
            ),
            "document": _("The signed agreement as a PDF, at most 10 MB."),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisations"].queryset = organisations

    def clean_organisations(self):
        parties = self.cleaned_data["organisations"]
        if len(parties) < MIN_AGREEMENT_PARTIES:
            raise ValidationError(
                _("An agreement needs at least two organisations."), code="too_few_parties"
            )
        return parties

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile):
            try:
                agreement_document_check(document)
            except ValidationError as error:
                raise ValidationError(error.message_dict["document"]) from error
        return document

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in AGREEMENT_FIELDS}
        fields["organisations"] = self.cleaned_data["organisations"]
        document = self.cleaned_data.get("document")
        fields["document"] = document if isinstance(document, UploadedFile) else None
        return fields


class AgreementTransitionForm(forms.Form):
    status = forms.ChoiceField(choices=AgreementStatus.choices)


class AgreementConfirmForm(forms.Form):
    """Which of the agreement's parties the admin confirms for."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = agreement.organisations.all()

from auditlog.models import LogEntry
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from users.widgets import DateInput


class ContentTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        model = obj.model_class()
        return f"{model._meta.verbose_name} ({obj.app_label})" if model else str(obj)


class AuditLogFilterForm(forms.Form):
    person = forms.CharField(label=_("Person (email contains)"), required=False, max_length=254)
    content_type = ContentTypeChoiceField(
        label=_("Object type"), required=False, queryset=ContentType.objects.none()
    )
    action = forms.TypedChoiceField(
        label=_("Action"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *LogEntry.Action.choices],
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the kinds of record that have entries.
        used = LogEntry.objects.values("content_type").distinct()
        self.fields["content_type"].queryset = ContentType.objects.filter(pk__in=used).order_by(
            "app_label", "model"
        )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import UNMUTABLE_KINDS, Channel, EmailFrequency, NotificationKind


class NotificationPreferencesForm(forms.Form):
    """For each kind of notification: how (channel) and how often (emails one by one or as a
    digest). Emergencies have no fields: nobody may mute or delay them."""

    def __init__(self, *args, current: dict[str, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind in self.editable_kinds():
            channel, frequency = current.get(kind, (Channel.BOTH, EmailFrequency.IMMEDIATE))
            self.fields[f"{kind}-channel"] = forms.ChoiceField(
                label=_("How to receive “%(kind)s”") % {"kind": kind.label},
                choices=Channel.choices,
                initial=channel,
                error_messages={
                    "required": _("Choose how to receive “%(kind)s”.") % {"kind": kind.label},
                    "invalid_choice": _("Choose one of the listed ways to receive “%(kind)s”.")
                    % {"kind": kind.label},
                },
            )
            self.fields[f"{kind}-email_frequency"] = forms.ChoiceField(
                label=_("How often to email “%(kind)s”") % {"kind": kind.label},
                choices=EmailFrequency.choices,
                initial=frequency,
                error_messages={
                    "required": _("Choose how often to email “%(kind)s”.") % {"kind": kind.label},
                    "invalid_choice": _(
                        "Choose one of the listed email frequencies for “%(kind)s”."
                    )
                    % {"kind": kind.label},
                },
            )

    @staticmethod
    def editable_kinds() -> list[NotificationKind]:
        return [kind for kind in NotificationKind if kind not in UNMUTABLE_KINDS]

    @staticmethod
    def fixed_kinds() -> list[NotificationKind]:
        return [kind for kind in NotificationKind if kind in UNMUTABLE_KINDS]

    def kind_rows(self):
        """(kind, channel field, frequency field) per editable kind, for the table."""
        return [
            (kind, self[f"{kind}-channel"], self[f"{kind}-email_frequency"])
            for kind in self.editable_kinds()
        ]

    def choices(self) -> dict[str, tuple[str, str]]:
        return {
            kind.value: (
                self.cleaned_data[f"{kind}-channel"],
                self.cleaned_data[f"{kind}-email_frequency"],
            )
            for kind in self.editable_kinds()
        }

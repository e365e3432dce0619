"""Words Django's `date` and `yesno` filters translate through gettext, and Django's Burmese
catalogue lacks (it holds 41 strings). Listed here so that `make messages` keeps them in
the project's catalogues, which come first in LOCALE_PATHS."""

from django.utils.translation import gettext_noop

WORDS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    gettext_noop("yes,no,maybe"),
]

"""The names of the 17 Sustainable Development Goals, translated.

The goals are rows (a data migration loads them, in English); pages name them through
`sdg_name` / `sdg_label` (or the `sdg_name` template filter), so each language reads the UN's
wording: the official Chinese titles of A/RES/70/1, Nepali and Burmese as translated here.
A goal whose number is not below (none today) keeps its stored English title.
"""

import functools

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

SHORT_TITLES = {
    1: pgettext_lazy("SDG", "No poverty"),
    2: pgettext_lazy("SDG", "Zero hunger"),
    3: pgettext_lazy("SDG", "Good health and well-being"),
    4: pgettext_lazy("SDG", "Quality education"),
    5: pgettext_lazy("SDG", "Gender equality"),
    6: pgettext_lazy("SDG", "Clean water and sanitation"),
    7: pgettext_lazy("SDG", "Affordable and clean energy"),
    8: pgettext_lazy("SDG", "Decent work and economic growth"),
    9: pgettext_lazy("SDG", "Industry, innovation and infrastructure"),
    10: pgettext_lazy("SDG", "Reduced inequalities"),
    11: pgettext_lazy("SDG", "Sustainable cities and communities"),
    12: pgettext_lazy("SDG", "Responsible consumption and production"),
    13: pgettext_lazy("SDG", "Climate action"),
    14: pgettext_lazy("SDG", "Life below water"),
    15: pgettext_lazy("SDG", "Life on land"),
    16: pgettext_lazy("SDG", "Peace, justice and strong institutions"),
    17: pgettext_lazy("SDG", "Partnerships for the goals"),
}


def sdg_name(goal) -> str:
    """The goal's short title in the active language."""
    return str(SHORT_TITLES.get(goal.number, goal.short_title))


def sdg_label(goal) -> str:
    """“4. Quality education”, in the active language (what the model's __str__ says)."""
    return _label(goal.number, sdg_name(goal), get_language())


# 17 goals in a few languages; a page of activity logs names the same goal on each row.
@functools.cache
def _label(number: int, title: str, language: str) -> str:
    return _("%(number)s. %(title)s") % {"number": number, "title": title}

"""How well an opportunity fits the volunteer reading, as a badge and a line."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from ..selectors.matching import Fit

register = template.Library()


@register.simple_tag
def fit_summary(fit: Fit, detailed: bool = False) -> SafeString:
    """The score, what is met of what is asked, and availability; with `detailed`, what is
    missing. Written in Python: the template it replaces, with five translations, cost
    more than the rest of the opportunity listing, which shows one for each row."""
    if fit.score >= 80:
        badge = "text-bg-success"
    elif fit.score >= 50:
        badge = "text-bg-warning"
    else:
        badge = "text-bg-secondary"
    skills = (
        ngettext("%(met)s of %(counter)s skill", "%(met)s of %(counter)s skills", fit.skills_asked)
        % {"met": len(fit.skills_met), "counter": fit.skills_asked}
        if fit.skills_asked
        else gettext("no skills asked")
    )
    languages = (
        ngettext(
            "%(met)s of %(counter)s language",
            "%(met)s of %(counter)s languages",
            fit.languages_asked,
        )
        % {"met": len(fit.languages_met), "counter": fit.languages_asked}
        if fit.languages_asked
        else gettext("no languages asked")
    )
    if fit.available:
        availability = gettext("available")
    elif fit.available is None:
        availability = gettext("availability not given")
    else:
        availability = gettext("not available for these dates")
    missing = [
        (label, ", ".join(names))
        for label, names in (
            (gettext("Skills you have not listed:"), fit.skills_missing),
            (gettext("Languages below the level asked:"), fit.languages_missing),
        )
        if names
    ]
    return format_html(
        '<div class="fit mt-2">\n  <span class="badge {}">{}</span>\n'
        '  <small class="ms-1">{} · {} · {}</small>\n{}</div>',
        badge,
        gettext("Fit for you: %(score)s%%") % {"score": fit.score},
        skills,
        languages,
        availability,
        format_html(
            '  <ul class="small mt-1 mb-0">{}</ul>\n',
            format_html_join("", "<li>{} {}</li>", missing),
        )
        if detailed and missing
        else "",
    )

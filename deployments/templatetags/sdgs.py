from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from deployments.sdgs import sdg_label, sdg_name

register = template.Library()

register.filter("sdg_name", sdg_name)
register.filter("sdg_label", sdg_label)


@register.simple_tag
def sdg_badges(sdgs) -> str:
    """A badge for each goal, “SDG 4: Quality education” in the reader's language; nothing
    for none. Written in Python: as a template, with a translation per goal, it was a third
    of the rendering of the lists that show one set for each row."""
    goals = list(sdgs)
    if not goals:
        return ""
    return format_html(
        '<ul class="list-inline mb-0" aria-label="{}">{}</ul>',
        gettext("Sustainable Development Goals"),
        format_html_join(
            "",
            '<li class="list-inline-item"><span class="sdg-badge sdg-{}">{}</span></li>',
            (
                (
                    goal.number,
                    gettext("SDG %(number)s: %(title)s")
                    % {"number": goal.number, "title": sdg_name(goal)},
                )
                for goal in goals
            ),
        ),
    )

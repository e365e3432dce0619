from django import template

from deployments.sdgs import sdg_label, sdg_name

register = template.Library()

register.filter("sdg_name", sdg_name)
register.filter("sdg_label", sdg_label)

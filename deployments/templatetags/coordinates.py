from django import template

from deployments.models.coordinates import format_coordinates

register = template.Library()


@register.simple_tag
def coordinates(latitude, longitude) -> str:
    return format_coordinates(latitude, longitude)

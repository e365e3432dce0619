from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def latitude_field() -> models.DecimalField:
    """An optional latitude in degrees, to about a metre."""
    return models.DecimalField(
        gettext_lazy("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )


def longitude_field() -> models.DecimalField:
    """An optional longitude in degrees, to about a metre."""
    return models.DecimalField(
        gettext_lazy("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


def format_coordinates(latitude, longitude) -> str:
    """“27.71720° N, 85.32400° E” in the active language; empty when either is unknown."""
    if latitude is None or longitude is None:
        return ""
    north_south = _("%(degrees)s° N") if latitude >= 0 else _("%(degrees)s° S")
    east_west = _("%(degrees)s° E") if longitude >= 0 else _("%(degrees)s° W")
    return _("%(latitude)s, %(longitude)s") % {
        "latitude": north_south % {"degrees": f"{abs(latitude):.5f}"},
        "longitude": east_west % {"degrees": f"{abs(longitude):.5f}"},
    }

from functools import cache

import pycountry
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageLevel(models.TextChoices):
    """CEFR levels, in rising order, and native command."""

    A1 = "A1", _("A1 – Beginner")
    A2 = "A2", _("A2 – Elementary")
    B1 = "B1", _("B1 – Intermediate")
    B2 = "B2", _("B2 – Upper intermediate")
    C1 = "C1", _("C1 – Advanced")
    C2 = "C2", _("C2 – Proficient")
    NATIVE = "native", _("Native")

    @classmethod
    def rank(cls, level: str) -> int:
        return cls.values.index(level)


@cache
def language_choices() -> list[tuple[str, str]]:
    """ISO 639-1 languages by their English names."""
    return sorted(
        (
            (language.alpha_2, language.name)
            for language in pycountry.languages
            if hasattr(language, "alpha_2")
        ),
        key=lambda choice: choice[1],
    )

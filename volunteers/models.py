from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Skill(models.Model):
    """A skill a volunteer offers and an opportunity asks for, from one shared vocabulary."""

    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="volunteers_skill_name_ci_unique")
        ]

    def __str__(self):
        return self.name

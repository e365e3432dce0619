from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    VOLUNTEER_MANUAL = "volunteer_manual", _("Volunteer manual")
    PROJECT_GUIDANCE = "project_guidance", _("Project guidance")
    LESSON_LEARNED = "lesson_learned", _("Lesson learned")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    CASE_STUDY = "case_study", _("Case study")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    PROGRAMME = "programme", _("The programme's people")
    PARTNERS = "partners", _("The programme's partners and coordinators")


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")

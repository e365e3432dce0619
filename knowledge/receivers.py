"""Listens to deployments: a volunteer's lessons learned become a draft resource."""

from django.dispatch import receiver

from deployments.signals import lessons_learned_submitted

from .services import resource_create_from_lessons


@receiver(lessons_learned_submitted, dispatch_uid="knowledge_lessons_to_draft")
def lessons_to_draft(sender, placement, by=None, **kwargs):
    resource_create_from_lessons(placement=placement, by=by)

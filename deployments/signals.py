"""Signals other apps listen to, so that deployments never imports the apps above it.

`lessons_learned_submitted(sender=Placement, placement=…, by=…)` is sent, inside the
transaction, when a volunteer submits or revises their lessons learned; the knowledge app
turns them into a draft resource.
"""

from django.dispatch import Signal

lessons_learned_submitted = Signal()

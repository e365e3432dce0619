"""What deployments answers to the signals of the apps below it."""

from django.dispatch import receiver

from volunteers.enums import DocumentKind
from volunteers.signals import document_warnings

from .enums import PlacementStatus
from .models import Placement
from .validators import visa_expiry_warning


@receiver(document_warnings, dispatch_uid="deployments_visa_before_placement_end")
def visa_before_placement_end(sender, document, **kwargs) -> str | None:
    """A visa uploaded for a placement not yet over that ends after the visa expires."""
    if document.kind != DocumentKind.VISA or document.expires_on is None:
        return None
    placement = (
        Placement.objects.filter(
            volunteer=document.owner,
            status__in=[PlacementStatus.PRE_DEPARTURE, PlacementStatus.IN_COUNTRY],
            planned_end__gt=document.expires_on,
        )
        .order_by("-planned_end")
        .first()
    )
    if placement is None:
        return None
    return visa_expiry_warning(expires_on=document.expires_on, planned_end=placement.planned_end)

"""Who may read and edit the knowledge base — decided only here.

Drafts belong to the programme's coordinators (and their author); a published resource is
read by everyone, by the programme's people, or by its partners and coordinators.
"""

import rules
from django.db.models import Q

from deployments.enums import PartnershipStatus
from deployments.models import Placement, Programme
from deployments.rules import coordinated_programme_ids, is_coordinator
from partners.rules import memberships_by_organisation
from users.rules import is_administrator

from .enums import ResourceStatus, Visibility


def partner_programme_ids(user) -> frozenset[int]:
    """Programmes one of the user's organisations takes part in (by an accepted partnership,
    or hosting or partnering in a project), read once per user."""
    organisation_ids = list(memberships_by_organisation(user))
    if not organisation_ids:
        return frozenset()
    cached = getattr(user, "_partner_programme_ids", None)
    if cached is None:
        cached = frozenset(
            Programme.objects.filter(
                Q(sending_organisation__in=organisation_ids)
                | Q(
                    partnerships__organisation__in=organisation_ids,
                    partnerships__status=PartnershipStatus.ACTIVE,
                )
                | Q(projects__host_partner__in=organisation_ids)
                | Q(projects__partners__in=organisation_ids)
            ).values_list("pk", flat=True)
        )
        user._partner_programme_ids = cached
    return cached


def volunteer_programme_ids(user) -> frozenset[int]:
    """Programmes in which the user holds a placement, read once per user."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_volunteer_programme_ids", None)
    if cached is None:
        cached = frozenset(
            Placement.objects.filter(volunteer=user).values_list("project__programme", flat=True)
        )
        user._volunteer_programme_ids = cached
    return cached


def visible_resources(user) -> Q | None:
    """A filter on Resource for what the user may read; None means everything."""
    if is_administrator(user):
        return None
    published = Q(status=ResourceStatus.PUBLISHED)
    visible = published & Q(visibility=Visibility.PUBLIC)
    if not user.is_authenticated:
        return visible
    coordinated = coordinated_programme_ids(user)
    partners = partner_programme_ids(user)
    people = coordinated | partners | volunteer_programme_ids(user)
    visible |= published & Q(visibility=Visibility.PROGRAMME, programme__in=people)
    visible |= published & Q(visibility=Visibility.PARTNERS, programme__in=coordinated | partners)
    visible |= Q(programme__in=coordinated) | Q(author=user)
    return visible


@rules.predicate
def can_read(user, resource) -> bool:
    if resource is None:
        return False
    if resource.author_id and user.is_authenticated and resource.author_id == user.pk:
        return True
    if resource.programme_id in coordinated_programme_ids(user):
        return True
    if resource.status != ResourceStatus.PUBLISHED:
        return False
    if resource.visibility == Visibility.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    partners = partner_programme_ids(user)
    if resource.visibility == Visibility.PARTNERS:
        return resource.programme_id in partners
    return resource.programme_id in partners | volunteer_programme_ids(user)


@rules.predicate
def is_resource_coordinator(user, resource) -> bool:
    return resource is not None and resource.programme_id in coordinated_programme_ids(user)


rules.add_perm("knowledge.view_resource", can_read | is_administrator)
rules.add_perm("knowledge.add_resource", is_coordinator | is_administrator)
rules.add_perm("knowledge.change_resource", is_resource_coordinator | is_administrator)
rules.add_perm("knowledge.publish_resource", is_resource_coordinator | is_administrator)

"""Every write to the knowledge base: drafts from lessons learned, edits, publication."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deployments.models import Placement, Programme, Project
from deployments.rules import is_programme_coordinator
from notifications.enums import NotificationKind
from notifications.services import notification_send
from users.rules import is_administrator
from volunteers.validators import sniff_document_type, validate_document_size

from .enums import ResourceKind, ResourceStatus, Visibility
from .models import Resource, ResourceAttachment

RESOURCE_FIELDS = ("title", "kind", "body", "countries", "project", "visibility")


def _require_coordinator(user, programme: Programme) -> None:
    if user is None or not (is_programme_coordinator(user, programme) or is_administrator(user)):
        raise ValidationError(
            _("Only a coordinator of this programme can do this."), code="not_allowed"
        )


@transaction.atomic
def resource_create_from_lessons(*, placement: Placement, by=None) -> Resource:
    """The volunteer's lessons learned as a draft for the coordinators to edit and publish.

    Revised lessons update the draft; once published, the resource is the coordinators'
    and stays as they left it.
    """
    if not placement.lessons_learned.strip():
        raise ValidationError(_("The placement has no lessons learned yet."), code="empty")
    project = placement.project
    resource = (
        Resource.objects.select_for_update()
        .filter(placement=placement, kind=ResourceKind.LESSON_LEARNED)
        .first()
    )
    if resource is not None:
        if resource.status == ResourceStatus.DRAFT:
            resource.body = placement.lessons_learned
            resource.save(update_fields=["body", "updated_at"])
        return resource
    start = placement.actual_start or placement.planned_start
    resource = Resource.objects.create(
        title=_("Lessons learned: %(project)s, %(year)s")
        % {"project": project.title, "year": start.year},
        kind=ResourceKind.LESSON_LEARNED,
        body=placement.lessons_learned,
        programme_id=project.programme_id,
        countries=[project.host_country.code],
        project=project,
        placement=placement,
        visibility=Visibility.PROGRAMME,
        status=ResourceStatus.DRAFT,
        author=placement.volunteer,
    )
    resource.sdgs.set(project.sdgs.all())
    notification_send(
        recipients=project.programme.coordinators.all(),
        kind=NotificationKind.PLACEMENT,
        subject=gettext_lazy("New lessons learned from %(volunteer)s, ready to edit and publish"),
        link=reverse("knowledge:resource-update", args=[resource.pk]),
        params={"volunteer": placement.volunteer.name},
    )
    return resource


def _check_project(project: Project | None, programme_id: int) -> None:
    if project is not None and project.programme_id != programme_id:
        raise ValidationError(
            {"project": _("Choose a project of the resource's programme.")}, code="project"
        )


@transaction.atomic
def resource_create(
    *,
    by,
    programme: Programme,
    title: str,
    kind: str,
    body: str,
    countries=(),
    sdgs: Iterable = (),
    project: Project | None = None,
    visibility: str = Visibility.PROGRAMME,
) -> Resource:
    _require_coordinator(by, programme)
    _check_project(project, programme.pk)
    resource = Resource(
        programme=programme,
        title=title.strip(),
        kind=kind,
        body=body.strip(),
        countries=list(countries),
        project=project,
        visibility=visibility,
        author=by,
    )
    resource.full_clean(exclude=["sdgs"])
    resource.save()
    resource.sdgs.set(sdgs)
    return resource


@transaction.atomic
def resource_update(
    *,
    resource: Resource,
    by,
    title: str,
    kind: str,
    body: str,
    countries=(),
    sdgs: Iterable = (),
    project: Project | None = None,
    visibility: str = Visibility.PROGRAMME,
    attachment=None,
) -> Resource:
    """The coordinator edits a resource, draft or published, and may attach a file."""
    _require_coordinator(by, resource.programme)
    _check_project(project, resource.programme_id)
    resource.title, resource.kind, resource.body = title.strip(), kind, body.strip()
    resource.countries, resource.project, resource.visibility = list(countries), project, visibility
    resource.full_clean(exclude=["sdgs", "placement"])
    resource.save()
    resource.sdgs.set(sdgs)
    if attachment is not None:
        resource_attach(resource=resource, by=by, file=attachment)
    return resource


@transaction.atomic
def resource_attach(*, resource: Resource, by, file) -> ResourceAttachment:
    _require_coordinator(by, resource.programme)
    validate_document_size(file)
    content_type = sniff_document_type(file)
    attachment = ResourceAttachment(
        resource=resource,
        original_filename=(file.name or "attachment")[-255:],
        content_type=content_type,
        size=file.size,
    )
    attachment.file.save("attachment", file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def resource_attachment_remove(*, attachment: ResourceAttachment, by) -> None:
    """Takes a file off the resource; the stored file goes once the change commits."""
    _require_coordinator(by, attachment.resource.programme)
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


@transaction.atomic
def resource_publish(*, resource: Resource, by) -> Resource:
    """Publishes the resource for its audience; publishing twice changes nothing."""
    locked = Resource.objects.select_for_update().select_related("programme").get(pk=resource.pk)
    _require_coordinator(by, locked.programme)
    if locked.status == ResourceStatus.PUBLISHED:
        return locked
    if not locked.body.strip():
        raise ValidationError(_("Write the text before publishing."), code="empty")
    locked.status = ResourceStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    if locked.author_id and locked.author_id != by.pk:
        notification_send(
            recipients=[locked.author],
            kind=NotificationKind.PLACEMENT,
            subject=gettext_lazy("“%(title)s” is published in the knowledge base. Thank you!"),
            link=reverse("knowledge:resource-detail", args=[locked.pk]),
            params={"title": locked.title},
        )
    return locked


@transaction.atomic
def resource_unpublish(*, resource: Resource, by) -> Resource:
    locked = Resource.objects.select_for_update().select_related("programme").get(pk=resource.pk)
    _require_coordinator(by, locked.programme)
    if locked.status == ResourceStatus.DRAFT:
        return locked
    locked.status = ResourceStatus.DRAFT
    locked.published_at = None
    locked.save(update_fields=["status", "published_at", "updated_at"])
    return locked

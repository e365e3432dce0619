"""Reads for personal data: everything the portal holds about one person, exports and
erasure requests.

`personal_data_collect` decides what an export holds. The programme's own judgement stays
out: reviews' scores, recommendations and comments and who reviewed; only the outcome (the
application's status and its history, without who moved it or their notes). The host's
appraisal is in, text and all: it is about the person.
"""

import dataclasses
import datetime
import posixpath

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from deployments.enums import (
    CLOSED_APPLICATION_STATUSES,
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    PlacementStatus,
)
from deployments.models import Application, Placement
from deployments.rules import coordinated_programme_ids
from notifications.models import Notification
from users.rules import is_administrator
from volunteers.models import ConsentRecord, Document, VolunteerProfile

from .enums import ErasureStatus
from .models import DataExport, ErasureRequest

# Placements whose records the programme still needs: erasure waits until they end.
ACTIVE_PLACEMENT_STATUSES = (PlacementStatus.PRE_DEPARTURE, PlacementStatus.IN_COUNTRY)


@dataclasses.dataclass(frozen=True)
class ExportFile:
    """A stored file and the name it takes inside the ZIP."""

    arcname: str
    field_file: object


def _when(value):
    return value.isoformat() if value else None


def _display(instance, field: str):
    value = getattr(instance, field)
    return {"code": value, "label": str(getattr(instance, f"get_{field}_display")())}


def _account(user) -> dict:
    return {
        "id": user.pk,
        "name": user.name,
        "email": user.email,
        "language": user.preferred_language,
        "time_zone": str(user.time_zone),
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
    }


def _profile(user) -> dict | None:
    profile = (
        VolunteerProfile.objects.filter(user=user).prefetch_related("skills", "languages").first()
    )
    if profile is None:
        return None
    return {
        "name_native_script": profile.name_native_script,
        "date_of_birth": _when(profile.date_of_birth),
        "nationality": str(profile.nationality.code or ""),
        "phone": profile.phone,
        "city": profile.city,
        "country_of_residence": str(profile.country_of_residence.code or ""),
        "education_level": profile.education_level,
        "education": profile.education,
        "field_of_study": profile.field_of_study,
        "experience": profile.experience,
        "availability_from": _when(profile.availability_from),
        "availability_months": profile.availability_months,
        "preferred_countries": [country.code for country in profile.preferred_countries],
        "emergency_contact_name": profile.emergency_contact_name,
        "emergency_contact_relation": profile.emergency_contact_relation,
        "emergency_contact_phone": profile.emergency_contact_phone,
        "consent_given_at": _when(profile.consent_given_at),
        "created_at": _when(profile.created_at),
        "updated_at": _when(profile.updated_at),
        "languages": [
            {"language": language.language, "level": language.level}
            for language in profile.languages.all()
        ],
        "skills": [skill.name for skill in profile.skills.all()],
    }


def _document_arcname(document) -> str:
    return f"files/documents/{document.pk}-{posixpath.basename(document.download_name)}"


def _photo_arcname(photo) -> str:
    return f"files/activity-photos/{photo.pk}-{posixpath.basename(photo.image.name)}"


def _applications(user) -> list[dict]:
    applications = (
        Application.objects.filter(volunteer=user)
        .select_related("opportunity__project__programme")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": application.pk,
            "opportunity": application.opportunity.title,
            "project": application.opportunity.project.title,
            "programme": application.opportunity.project.programme.name,
            "status": _display(application, "status"),
            "motivation": application.motivation,
            "answers": application.answers,
            "rejection_reason": application.rejection_reason,
            "submitted_at": _when(application.submitted_at),
            "created_at": _when(application.created_at),
            "status_history": [
                {
                    "from": event.from_status,
                    "to": event.to_status,
                    "at": _when(event.created_at),
                }
                for event in application.events.all()
            ],
        }
        for application in applications
    ]


def _placements(user, files: list[ExportFile]) -> list[dict]:
    placements = (
        Placement.objects.filter(volunteer=user)
        .select_related("project", "opportunity", "appraisal")
        .prefetch_related(
            "pre_departure_items",
            "activity_logs__photos",
            "activity_logs__sdg",
            "check_ins",
            "monthly_reports",
        )
        .order_by("planned_start", "pk")
    )
    result = []
    for placement in placements:
        logs = []
        for log in placement.activity_logs.all():
            photos = []
            for photo in log.photos.all():
                if photo.image:
                    files.append(ExportFile(_photo_arcname(photo), photo.image))
                    photos.append(_photo_arcname(photo))
            logs.append(
                {
                    "date": _when(log.date),
                    "hours": str(log.hours),
                    "activity_type": log.activity_type,
                    "description": log.description,
                    "sdg": log.sdg_id,
                    "women": log.women,
                    "men": log.men,
                    "girls": log.girls,
                    "boys": log.boys,
                    "place": log.place,
                    "latitude": str(log.latitude) if log.latitude is not None else None,
                    "longitude": str(log.longitude) if log.longitude is not None else None,
                    "status": log.status,
                    "review_comment": log.review_comment,
                    "supervisor_comment": log.supervisor_comment,
                    "created_at": _when(log.created_at),
                    "photos": photos,
                }
            )
        appraisal = getattr(placement, "appraisal", None)
        result.append(
            {
                "id": placement.pk,
                "application": placement.application_id,
                "project": placement.project.title,
                "opportunity": placement.opportunity.title,
                "status": _display(placement, "status"),
                "planned_start": _when(placement.planned_start),
                "planned_end": _when(placement.planned_end),
                "actual_start": _when(placement.actual_start),
                "actual_end": _when(placement.actual_end),
                "duty_station": placement.duty_station,
                "lessons_learned": placement.lessons_learned,
                "pre_departure_items": [
                    {
                        "item": item.item,
                        "required": item.required,
                        "status": item.status,
                        "document": item.document_id,
                        "expires_on": _when(item.expires_on),
                        "note": item.note,
                    }
                    for item in placement.pre_departure_items.all()
                ],
                "activity_logs": logs,
                "check_ins": [
                    {
                        "status": check_in.status,
                        "note": check_in.note,
                        "at": _when(check_in.created_at),
                    }
                    for check_in in placement.check_ins.all()
                ],
                "monthly_reports": [
                    {
                        "month": f"{report.month:%Y-%m}",
                        "achievements": report.achievements,
                        "challenges": report.challenges,
                        "support_needed": report.support_needed,
                        "submitted_at": _when(report.submitted_at),
                    }
                    for report in placement.monthly_reports.all()
                ],
                "appraisal": None
                if appraisal is None
                else {
                    "performance": appraisal.performance,
                    "collaboration": appraisal.collaboration,
                    "cultural_adaptation": appraisal.cultural_adaptation,
                    "impact": appraisal.impact,
                    "strengths": appraisal.strengths,
                    "areas_to_improve": appraisal.areas_to_improve,
                    "recommend_again": appraisal.recommend_again,
                    "submitted_at": _when(appraisal.submitted_at),
                },
            }
        )
    return result


def personal_data_collect(*, user) -> tuple[dict, list[ExportFile]]:
    """Everything the portal holds about `user`, as JSON-ready data, and their own files."""
    files: list[ExportFile] = []
    documents = []
    for document in Document.objects.filter(owner=user).order_by("uploaded_at", "pk"):
        documents.append(
            {
                "id": document.pk,
                "kind": document.kind,
                "file_name": document.original_filename,
                "content_type": document.content_type,
                "size": document.size,
                "expires_on": _when(document.expires_on),
                "uploaded_at": _when(document.uploaded_at),
                "file": _document_arcname(document),
            }
        )
        files.append(ExportFile(_document_arcname(document), document.file))
    data = {
        "account": _account(user),
        "volunteer_profile": _profile(user),
        "consents": [
            {
                "action": record.action,
                "policy_version": record.policy_version,
                "at": _when(record.at),
            }
            for record in ConsentRecord.objects.filter(user=user).order_by("at", "pk")
        ],
        "documents": documents,
        "applications": _applications(user),
        "placements": _placements(user, files),
        "notifications": [
            {
                "kind": notification.kind,
                "subject": notification.subject,
                "message": notification.message,
                "link": notification.link,
                "created_at": _when(notification.created_at),
                "read_at": _when(notification.read_at),
            }
            for notification in Notification.objects.filter(recipient=user).order_by(
                "created_at", "pk"
            )
        ],
    }
    return data, files


# Exports ---------------------------------------------------------------------------------


def data_export_list(*, user) -> QuerySet[DataExport]:
    return DataExport.objects.filter(user=user).order_by("-created_at", "-pk")


def data_export_get(*, pk: int) -> DataExport:
    export = DataExport.objects.select_related("user").filter(pk=pk).first()
    if export is None:
        raise Http404
    return export


# Erasure ---------------------------------------------------------------------------------


def erasure_request_list(*, viewer) -> QuerySet[ErasureRequest]:
    """Pending requests the viewer may carry out: all for administrators, else those of
    people who applied to a programme the viewer coordinates; never the viewer's own."""
    requests = (
        ErasureRequest.objects.filter(status=ErasureStatus.PENDING)
        .exclude(subject=viewer)
        .select_related("subject")
    )
    if not is_administrator(viewer):
        applied = Application.objects.filter(
            volunteer=OuterRef("subject"),
            opportunity__project__programme__in=coordinated_programme_ids(viewer),
        ).exclude(status=ApplicationStatus.DRAFT)
        requests = requests.filter(Exists(applied))
    return requests.order_by("requested_at", "pk")


def erasure_request_get(*, pk: int) -> ErasureRequest:
    erasure_request = (
        ErasureRequest.objects.select_related("subject", "carried_out_by").filter(pk=pk).first()
    )
    if erasure_request is None:
        raise Http404
    return erasure_request


def erasure_request_pending(*, user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(subject=user, status=ErasureStatus.PENDING).first()


def erasure_blockers(*, user) -> list[str]:
    """Why the person's data cannot be erased yet: records the programmes still need."""
    reasons = []
    open_applications = (
        Application.objects.filter(volunteer=user, status__in=OPEN_APPLICATION_STATUSES)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("opportunity")
        .order_by("pk")
    )
    for application in open_applications:
        reasons.append(
            _("The application for “%(opportunity)s” is still in progress (%(status)s).")
            % {
                "opportunity": application.opportunity.title,
                "status": application.get_status_display(),
            }
        )
    active_placements = (
        Placement.objects.filter(volunteer=user, status__in=ACTIVE_PLACEMENT_STATUSES)
        .select_related("project", "opportunity")
        .order_by("pk")
    )
    for placement in active_placements:
        reasons.append(
            _("The placement as “%(opportunity)s” in “%(project)s” is under way (%(status)s).")
            % {
                "opportunity": placement.opportunity.title,
                "project": placement.project.title,
                "status": placement.get_status_display(),
            }
        )
    return reasons


# Retention -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PurgePlan:
    """What the retention purge removes, by rule: ids, in order."""

    closed_application_documents: list[int]
    expired_documents: list[int]
    read_notifications: list[int]

    @property
    def document_ids(self) -> list[int]:
        return sorted({*self.closed_application_documents, *self.expired_documents})

    def counts(self) -> dict[str, int]:
        return {field.name: len(getattr(self, field.name)) for field in dataclasses.fields(self)}


def purge_plan(*, now=None) -> PurgePlan:
    """What retention settings say is no longer needed at `now`.

    - documents of people whose applications all closed (rejected, withdrawn, declined)
      more than RETENTION_CLOSED_APPLICATION_DOCUMENTS_DAYS ago and who have no placement;
    - documents more than RETENTION_EXPIRED_DOCUMENTS_DAYS past their expiry date;
    - notifications read more than RETENTION_READ_NOTIFICATIONS_DAYS ago.
    """
    now = now or timezone.now()
    closed_before = now - datetime.timedelta(
        days=settings.RETENTION_CLOSED_APPLICATION_DOCUMENTS_DAYS
    )
    # Every transition stamps status_changed_at: for a closed application, when it closed.
    still_needed = Application.objects.filter(volunteer=OuterRef("owner")).exclude(
        status__in=CLOSED_APPLICATION_STATUSES, status_changed_at__lt=closed_before
    )
    closed_application_documents = (
        Document.objects.filter(Exists(Application.objects.filter(volunteer=OuterRef("owner"))))
        .exclude(Exists(still_needed))
        .exclude(Exists(Placement.objects.filter(volunteer=OuterRef("owner"))))
    )
    expired_before = timezone.localdate(now) - datetime.timedelta(
        days=settings.RETENTION_EXPIRED_DOCUMENTS_DAYS
    )
    read_before = now - datetime.timedelta(days=settings.RETENTION_READ_NOTIFICATIONS_DAYS)
    return PurgePlan(
        closed_application_documents=list(
            closed_application_documents.order_by("pk").values_list("pk", flat=True)
        ),
        expired_documents=list(
            Document.objects.filter(expires_on__lt=expired_before)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        read_notifications=list(
            Notification.objects.filter(read_at__lt=read_before)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
    )

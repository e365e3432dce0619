"""Personal data: exports, erasure and retention — the only place their state changes.

An export is built like a report, as a FileJob (reports/jobs.py): claimed, written under a
temporary name, stored under its one fixed name with the row locked, kept for 30 days.
"""

import json
import logging
import zipfile
from pathlib import Path

import rules
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit.services import audit_history_erase, audit_record_keys
from deployments.enums import ActivityLogStatus
from deployments.models import (
    ActivityLog,
    ActivityPhoto,
    Application,
    ApplicationEvent,
    Appraisal,
    CheckIn,
    MonthlyReport,
    Placement,
    PlacementEvent,
    PreDepartureItem,
    Review,
)
from notifications.enums import NotificationKind
from notifications.models import Notification, NotificationPreference, ReminderRecord
from notifications.services import notification_send
from reports.enums import PENDING_STATUSES
from reports.jobs import FileJob
from volunteers.models import Document, VolunteerLanguage, VolunteerProfile

from . import selectors
from .enums import ErasureStatus
from .models import DataExport, ErasureRequest

logger = logging.getLogger(__name__)

# Share of the progress bar the files take; collecting the data takes the first tenth.
DATA_SHARE = 10


# Exports ---------------------------------------------------------------------------------


@transaction.atomic
def data_export_request(*, user) -> DataExport:
    """Records a person's request for their data; a worker builds it once this commits.

    A request already on its way is returned instead of adding another.
    """
    if not user.has_perm("privacy.request_data_export"):
        raise PermissionDenied(_("Sign in to download your data."))
    pending = DataExport.objects.filter(user=user, status__in=PENDING_STATUSES).first()
    if pending is not None:
        return pending
    export = DataExport.objects.create(user=user)
    from .tasks import data_export_build_task

    transaction.on_commit(lambda: data_export_build_task.delay(export_id=export.pk))
    return export


def _write(export: DataExport, path: Path) -> dict:
    """The ZIP: data.json, and the person's own files under files/."""
    data, files = selectors.personal_data_collect(user=export.user)
    data["exported_at"] = timezone.now().isoformat()
    DATA_EXPORT_JOB.progress_set(row_id=export.pk, progress=DATA_SHARE)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        shown = DATA_SHARE
        for number, item in enumerate(files, start=1):
            try:
                with (
                    item.field_file.storage.open(item.field_file.name, "rb") as handle,
                    archive.open(item.arcname, "w") as target,
                ):
                    while chunk := handle.read(1 << 16):
                        target.write(chunk)
            except FileNotFoundError:
                logger.warning("Data export %s: %s is missing", export.pk, item.field_file.name)
            progress = DATA_SHARE + number * (99 - DATA_SHARE) // len(files)
            if progress > shown:
                DATA_EXPORT_JOB.progress_set(row_id=export.pk, progress=progress)
                shown = progress
    return {}


def _data_export_ready_notify(export: DataExport) -> None:
    notification_send(
        recipients=[export.user],
        kind=NotificationKind.REPORT,
        subject=_("Your data is ready to download"),
        message=_("Download it within 30 days; it is deleted after that."),
        link=reverse("privacy:export-detail", args=[export.pk]),
    )


DATA_EXPORT_JOB = FileJob(
    model=DataExport,
    noun="Data export",
    logger=logger,
    owner="user",
    partial_prefix="report-export",
    filename=lambda export: f"my-data-{export.pk}.zip",
    write=_write,
    notify_done=_data_export_ready_notify,
)


def data_export_build(*, export_id: int) -> DataExport | None:
    """Builds the export's ZIP once; a finished or missing export is left alone."""
    return DATA_EXPORT_JOB.build(row_id=export_id)


def data_export_fail(*, export_id: int, error: BaseException | str) -> DataExport | None:
    return DATA_EXPORT_JOB.fail(row_id=export_id, error=error)


def data_export_expire_old(*, now=None) -> int:
    """Deletes the files of exports past their 30 days and marks them expired; how many."""
    return DATA_EXPORT_JOB.expire_old(now=now or timezone.now())


# Erasure ---------------------------------------------------------------------------------


@transaction.atomic
def erasure_request_create(*, user, reason: str) -> ErasureRequest:
    """Records a person's request for erasure; a pending one is returned, not doubled."""
    if not user.has_perm("privacy.request_erasure"):
        raise PermissionDenied(_("Sign in to ask for the erasure of your data."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell us why you ask for erasure.")})
    pending = selectors.erasure_request_pending(user=user)
    if pending is not None:
        return pending
    return ErasureRequest.objects.create(subject=user, reason=reason)


def _files_delete_after_commit(names: list[tuple]) -> None:
    """Deletes stored files once the rows no longer pointing at them are committed."""

    def delete():
        for storage, name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete %s after erasure", name)

    if names:
        transaction.on_commit(delete)


def _sessions_end_after_commit(*, user_id: int) -> None:
    """Deletes the person's stored sessions once the erasure has committed.

    Sign-in is already over without this: the account is inactive (the authentication
    backends return no user for it) and its password changed, so no session's auth hash
    matches any more (`django.contrib.auth.get_user` refuses it). What is left are rows that
    name the person's id until they expire. The database session store has no user column,
    so finding them means decoding the live sessions: done after the commit, outside the
    erasure's locks, with one delete. (Indexing sessions by user, e.g. allauth.usersessions,
    would avoid the scan.)
    """

    def delete():
        keys = [
            session.session_key
            for session in Session.objects.filter(expire_date__gt=timezone.now())
            .only("session_key", "session_data")
            .iterator(chunk_size=2000)
            if str(session.get_decoded().get(SESSION_KEY)) == str(user_id)
        ]
        Session.objects.filter(session_key__in=keys).delete()

    transaction.on_commit(delete)


@transaction.atomic
def erasure_carry_out(*, erasure_request_id: int, by) -> ErasureRequest:
    """Erases the person's personal data, keeping what feeds statistics, anonymised.

    Kept without what identifies or describes the person: placements (dates, status,
    project), activity logs (hours, people reached, SDG, dates, type), check-ins (status and
    time), applications (status and dates), the host's appraisal scores, consent records.
    Deleted: the volunteer profile, documents, photos, notifications, exports, email
    addresses, two-factor authenticators and sessions; files leave the storage only after
    the transaction commits. The account stays as "Erased person #id", inactive, with an
    address that cannot receive mail and no usable password.

    Refused while the programme still needs the records: an application in progress or a
    placement before departure or in the country. Carrying out a request twice changes
    nothing the second time.
    """
    erasure_request = (
        ErasureRequest.objects.select_for_update()
        .select_related("subject")
        .filter(pk=erasure_request_id)
        .first()
    )
    if erasure_request is None:
        raise ValidationError(_("This erasure request no longer exists."))
    # The rules, not `by.has_perm`, which lets a superuser erase themselves.
    if not rules.has_perm("privacy.carry_out_erasure", by, erasure_request):
        raise PermissionDenied(_("You may not carry out this erasure."))
    if not erasure_request.is_pending:
        return erasure_request
    person = get_user_model().objects.select_for_update().get(pk=erasure_request.subject_id)
    blockers = selectors.erasure_blockers(user=person)
    if blockers:
        raise ValidationError(blockers, code="erasure_blocked")

    # The audit history of what is erased, read before anything is deleted.
    audited = audit_record_keys(
        personal=[
            VolunteerProfile.objects.filter(user=person),
            VolunteerLanguage.objects.filter(profile__user=person),
            Document.objects.filter(owner=person),
        ],
        describing=[
            Application.objects.filter(volunteer=person),
            Review.objects.filter(application__volunteer=person),
            Placement.objects.filter(volunteer=person),
            PreDepartureItem.objects.filter(placement__volunteer=person),
            ActivityLog.objects.filter(placement__volunteer=person),
            CheckIn.objects.filter(placement__volunteer=person),
            MonthlyReport.objects.filter(placement__volunteer=person),
            Appraisal.objects.filter(placement__volunteer=person),
        ],
    )
    files = []
    for document in Document.objects.filter(owner=person):
        files.append((document.file.storage, document.file.name))
    photos = ActivityPhoto.objects.filter(log__placement__volunteer=person)
    for photo in photos:
        files += [(photo.image.storage, photo.image.name)]
        if photo.thumbnail:
            files += [(photo.thumbnail.storage, photo.thumbnail.name)]
    for export in DataExport.objects.filter(user=person).exclude(file=""):
        files.append((export.file.storage, export.file.name))

    photos.delete()
    PreDepartureItem.objects.filter(placement__volunteer=person).update(note="", document=None)
    Document.objects.filter(owner=person).delete()
    VolunteerProfile.objects.filter(user=person).delete()
    DataExport.objects.filter(user=person).delete()

    applications = Application.objects.filter(volunteer=person)
    applications.update(motivation="", answers={}, rejection_reason="")
    ApplicationEvent.objects.filter(application__in=applications).update(note="")
    Review.objects.filter(application__in=applications).update(comment="")
    placements = Placement.objects.filter(volunteer=person)
    placements.update(lessons_learned="")
    PlacementEvent.objects.filter(placement__in=placements).update(note="")
    logs = ActivityLog.objects.filter(placement__in=placements)
    logs.update(description="", place="", latitude=None, longitude=None, supervisor_comment="")
    # A returned log must keep its comment; every other loses it.
    logs.exclude(status=ActivityLogStatus.RETURNED).update(review_comment="")
    CheckIn.objects.filter(placement__in=placements).update(note="", resolution_note="")
    MonthlyReport.objects.filter(placement__in=placements).update(
        achievements="", challenges="", support_needed=""
    )
    Appraisal.objects.filter(placement__in=placements).update(strengths="", areas_to_improve="")

    Notification.objects.filter(recipient=person).delete()
    NotificationPreference.objects.filter(user=person).delete()
    ReminderRecord.objects.filter(recipient=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()

    with translation.override(settings.LANGUAGE_CODE):
        person.name = _("Erased person #%(id)s") % {"id": person.pk}
    person.email = f"erased-{person.pk}@erased.invalid"
    person.set_unusable_password()
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.save()
    person.coordinated_programmes.clear()
    _sessions_end_after_commit(user_id=person.pk)

    ErasureRequest.objects.filter(subject=person, status=ErasureStatus.PENDING).update(
        status=ErasureStatus.DONE, carried_out_at=timezone.now(), carried_out_by=by, reason=""
    )
    ErasureRequest.objects.filter(subject=person).update(reason="")
    audit_history_erase(person=person, records=audited)
    _files_delete_after_commit(files)
    erasure_request.refresh_from_db()
    return erasure_request


# Retention -------------------------------------------------------------------------------


@transaction.atomic
def personal_data_purge(*, now=None, dry_run: bool = False) -> selectors.PurgePlan:
    """Removes what the retention settings say is no longer needed (selectors.purge_plan);
    with `dry_run`, only says what that is. Files leave the storage after the commit."""
    plan = selectors.purge_plan(now=now)
    if dry_run:
        return plan
    documents = Document.objects.filter(pk__in=plan.document_ids)
    files = [(document.file.storage, document.file.name) for document in documents]
    documents.delete()
    Notification.objects.filter(pk__in=plan.read_notifications).delete()
    _files_delete_after_commit(files)
    if any(plan.counts().values()):
        logger.info("Personal data purged: %s", plan.counts())
    return plan

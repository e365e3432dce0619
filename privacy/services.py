"""Personal data: exports, erasure and retention — the only place their state changes.

An export is built like a report (reports/services.py): claimed, written under a temporary
name, stored under its one fixed name with the row locked, kept for the same 30 days.
"""

import json
import logging
import os
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.enums import NotificationKind
from notifications.services import notification_send
from reports.enums import FINISHED_STATUSES, PENDING_STATUSES, ReportStatus
from reports.services import ERROR_MAX_LENGTH, KEEP_FOR, TRANSIENT_ERRORS, report_temp_dir

from . import selectors
from .models import DataExport

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


def _data_export_claim(*, export_id: int) -> DataExport | None:
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id)
            .first()
        )
        if export is None:
            logger.warning("Data export %s is gone; nothing to build", export_id)
            return None
        if export.status not in PENDING_STATUSES:
            logger.info("Data export %s is already %s; not built again", export_id, export.status)
            return None
        export.status = ReportStatus.RUNNING
        export.progress = 0
        export.error = ""
        export.started_at = timezone.now()
        export.save(update_fields=["status", "progress", "error", "started_at"])
    return export


def _progress_set(*, export_id: int, progress: int) -> None:
    DataExport.objects.filter(pk=export_id, status=ReportStatus.RUNNING).update(progress=progress)


@contextmanager
def _temporary_path(export: DataExport):
    """Beside the reports' partial files, named so that their daily sweep removes it too."""
    handle, name = tempfile.mkstemp(
        prefix=f"report-export-{export.pk}-", suffix=".zip.partial", dir=report_temp_dir()
    )
    os.close(handle)
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _write(*, export: DataExport, path: Path) -> None:
    """The ZIP: data.json, and the person's own files under files/."""
    data, files = selectors.personal_data_collect(user=export.user)
    data["exported_at"] = timezone.now().isoformat()
    _progress_set(export_id=export.pk, progress=DATA_SHARE)
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
                _progress_set(export_id=export.pk, progress=progress)
                shown = progress


def _data_export_store(*, export_id: int, path: Path) -> DataExport | None:
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id)
            .first()
        )
        if export is None:
            logger.warning("Data export %s was deleted while it was built", export_id)
            return None
        if export.status in (ReportStatus.DONE, ReportStatus.EXPIRED):
            return export
        field = export.file.field
        filename = f"my-data-{export.pk}.zip"
        name = field.generate_filename(export, filename)
        if field.storage.exists(name):
            field.storage.delete(name)
        with path.open("rb") as handle:
            export.file.save(filename, File(handle), save=False)
        now = timezone.now()
        export.status = ReportStatus.DONE
        export.progress = 100
        export.error = ""
        export.finished_at = now
        export.expires_at = now + KEEP_FOR
        export.save()
        notification_send(
            recipients=[export.user],
            kind=NotificationKind.REPORT,
            subject=_("Your data is ready to download"),
            message=_("Download it within 30 days; it is deleted after that."),
            link=reverse("privacy:export-detail", args=[export.pk]),
        )
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    """Builds the export's ZIP once; a finished or missing export is left alone."""
    export = _data_export_claim(export_id=export_id)
    if export is None:
        return None
    try:
        with _temporary_path(export) as path:
            _write(export=export, path=path)
            return _data_export_store(export_id=export.pk, path=path)
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        logger.exception("Data export %s could not be built", export_id)
        return data_export_fail(export_id=export_id, error=error)


@transaction.atomic
def data_export_fail(*, export_id: int, error: BaseException | str) -> DataExport | None:
    export = DataExport.objects.select_for_update().filter(pk=export_id).first()
    if export is None or export.status not in PENDING_STATUSES:
        return export
    if isinstance(error, BaseException):
        error = f"{type(error).__name__}: {error}"
    now = timezone.now()
    export.status = ReportStatus.FAILED
    export.error = str(error)[:ERROR_MAX_LENGTH]
    export.finished_at = now
    export.expires_at = now + KEEP_FOR
    export.save(update_fields=["status", "error", "finished_at", "expires_at"])
    return export


def data_export_expire_old(*, now=None) -> int:
    """Deletes the files of exports past their 30 days and marks them expired; how many."""
    now = now or timezone.now()
    due = DataExport.objects.filter(
        Q(status__in=FINISHED_STATUSES, expires_at__lte=now)
        | Q(status__in=PENDING_STATUSES, created_at__lte=now - KEEP_FOR)
    ).values_list("pk", flat=True)
    return sum(_data_export_expire(export_id=pk, now=now) for pk in list(due))


@transaction.atomic
def _data_export_expire(*, export_id: int, now) -> int:
    export = DataExport.objects.select_for_update().filter(pk=export_id).first()
    if export is None or export.status == ReportStatus.EXPIRED:
        return 0
    name, storage = export.file.name, export.file.storage
    export.status = ReportStatus.EXPIRED
    export.file = ""
    export.expires_at = export.expires_at or now
    export.save(update_fields=["status", "file", "expires_at"])
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    return 1

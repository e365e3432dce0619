"""Files a worker builds for a row: reports, and personal data exports (privacy).

A build may run twice (a worker killed mid-build leaves the task to be run again, and a slow
worker's task can be handed to another): it claims the row, writes the file under a
temporary name, and only then, with the row locked, stores the file under the row's one
fixed name and marks it done. Whatever happens in between, a row ends with exactly one file,
and a done row is never built again. Done and failed rows are kept for 30 days, then expire
and lose their file.

Each kind of file is a `FileJob`: its model, what its logs call a row, and the few steps
that differ (naming, writing, telling the person). The model has the fields `status`
(ReportStatus), `progress`, `file`, `error`, `created_at`, `started_at`, `finished_at` and
`expires_at`.
"""

import datetime
import logging
import os
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import InterfaceError, OperationalError, models, transaction
from django.db.models import Q
from django.utils import timezone

from .enums import FINISHED_STATUSES, PENDING_STATUSES, ReportStatus

# Failures worth another try later: the database or a network service was briefly away.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
KEEP_FOR = datetime.timedelta(days=30)
PARTIAL_MAX_AGE = datetime.timedelta(days=1)
ERROR_MAX_LENGTH = 2000


def temp_dir() -> Path:
    """Where builds write their file before it is stored (local to the worker)."""
    folder = getattr(settings, "REPORTS_TEMP_DIR", None) or (
        Path(tempfile.gettempdir()) / "volunteer-portal-reports"
    )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def partial_files_remove(*, older_than: datetime.datetime) -> None:
    """Removes the temporary files that stopped builds of any kind left behind."""
    limit = older_than.timestamp()
    for partial in temp_dir().glob("report-*.partial"):
        try:
            if partial.stat().st_mtime < limit:
                partial.unlink()
        except FileNotFoundError:
            continue


@dataclass(frozen=True)
class FileJob:
    """One kind of file built by a worker for a row of `model`."""

    model: type[models.Model]
    # What logs call a row: "Report 3 is gone", "Data export 3 is gone".
    noun: str
    logger: logging.Logger
    # The person told about the row, fetched with it.
    owner: str
    # Temporary files are named `<partial_prefix>-<pk>-….partial`; it starts with "report"
    # so that partial_files_remove sweeps them.
    partial_prefix: str
    # The stored file's name; its extension is the temporary file's too.
    filename: Callable[[models.Model], str]
    # Writes the file to the path, setting progress; the further fields to store when done.
    write: Callable[[models.Model, Path], dict]
    notify_done: Callable[[models.Model], None]
    notify_failed: Callable[[models.Model], None] | None = None
    # Where the writing and storing run (a language, a time zone).
    context: Callable[[models.Model], AbstractContextManager] = lambda row: nullcontext()

    def _locked(self, row_id: int):
        return (
            self.model._default_manager.select_for_update()
            .select_related(self.owner)
            .filter(pk=row_id)
            .first()
        )

    def claim(self, *, row_id: int):
        """Marks the row running, unless it is gone or already finished."""
        with transaction.atomic():
            row = self._locked(row_id)
            if row is None:
                self.logger.warning("%s %s is gone; nothing to build", self.noun, row_id)
                return None
            if row.status not in PENDING_STATUSES:
                self.logger.info(
                    "%s %s is already %s; not built again", self.noun, row_id, row.status
                )
                return None
            if row.status == ReportStatus.RUNNING:
                self.logger.info("%s %s was interrupted; building it again", self.noun, row_id)
            row.status = ReportStatus.RUNNING
            row.progress = 0
            row.error = ""
            row.started_at = timezone.now()
            row.save(update_fields=["status", "progress", "error", "started_at"])
        return row

    def progress_set(self, *, row_id: int, progress: int) -> None:
        self.model._default_manager.filter(pk=row_id, status=ReportStatus.RUNNING).update(
            progress=progress
        )

    @contextmanager
    def _temporary_path(self, row):
        """A fresh temporary file name for this attempt, removed afterwards whatever happens."""
        handle, name = tempfile.mkstemp(
            prefix=f"{self.partial_prefix}-{row.pk}-",
            suffix=f"{Path(self.filename(row)).suffix}.partial",
            dir=temp_dir(),
        )
        os.close(handle)
        try:
            yield Path(name)
        finally:
            Path(name).unlink(missing_ok=True)

    def _store(self, *, row_id: int, path: Path, fields: dict):
        """Stores the built file under the row's one name and marks it done, the row locked."""
        with transaction.atomic():
            row = self._locked(row_id)
            if row is None:
                self.logger.warning("%s %s was deleted while it was built", self.noun, row_id)
                return None
            if row.status in (ReportStatus.DONE, ReportStatus.EXPIRED):
                self.logger.info("%s %s was finished by another attempt", self.noun, row_id)
                return row
            field = row.file.field
            filename = self.filename(row)
            name = field.generate_filename(row, filename)
            # A file left by an attempt stopped between storing it and committing is replaced.
            if field.storage.exists(name):
                field.storage.delete(name)
            with path.open("rb") as handle:
                row.file.save(filename, File(handle), save=False)
            now = timezone.now()
            for attribute, value in fields.items():
                setattr(row, attribute, value)
            row.status = ReportStatus.DONE
            row.progress = 100
            row.error = ""
            row.finished_at = now
            row.expires_at = now + KEEP_FOR
            row.save()
            self.notify_done(row)
        return row

    def build(self, *, row_id: int):
        """Builds the row's file once; a finished or missing row is left alone.

        Transient failures (database, network) propagate so that the task is retried; any
        other failure marks the row failed, since trying again would fail the same way.
        """
        row = self.claim(row_id=row_id)
        if row is None:
            return None
        try:
            with self.context(row), self._temporary_path(row) as path:
                fields = self.write(row, path)
                return self._store(row_id=row.pk, path=path, fields=fields)
        except TRANSIENT_ERRORS:
            raise
        except Exception as error:
            self.logger.exception("%s %s could not be built", self.noun, row_id)
            return self.fail(row_id=row_id, error=error)

    def fail(self, *, row_id: int, error: BaseException | str):
        """Marks an unfinished row failed with the error (its type and message)."""
        with transaction.atomic():
            row = self._locked(row_id)
            if row is None or row.status not in PENDING_STATUSES:
                return row
            if isinstance(error, BaseException):
                error = f"{type(error).__name__}: {error}"
            now = timezone.now()
            row.status = ReportStatus.FAILED
            row.error = str(error)[:ERROR_MAX_LENGTH]
            row.finished_at = now
            row.expires_at = now + KEEP_FOR
            row.save(update_fields=["status", "error", "finished_at", "expires_at"])
            if self.notify_failed is not None:
                self.notify_failed(row)
        return row

    def expire_old(self, *, now: datetime.datetime) -> int:
        """Deletes the files of rows past their 30 days and marks them expired; how many.

        Rows that never finished within 30 days expire too.
        """
        due = self.model._default_manager.filter(
            Q(status__in=FINISHED_STATUSES, expires_at__lte=now)
            | Q(status__in=PENDING_STATUSES, created_at__lte=now - KEEP_FOR)
        ).values_list("pk", flat=True)
        return sum(self._expire(row_id=pk, now=now) for pk in list(due.iterator(chunk_size=500)))

    @transaction.atomic
    def _expire(self, *, row_id: int, now: datetime.datetime) -> int:
        row = self.model._default_manager.select_for_update().filter(pk=row_id).first()
        if row is None or row.status == ReportStatus.EXPIRED:
            return 0
        name, storage = row.file.name, row.file.storage
        row.status = ReportStatus.EXPIRED
        row.file = ""
        row.expires_at = row.expires_at or now
        row.save(update_fields=["status", "file", "expires_at"])
        if name:
            # The file goes only once the row no longer points to it.
            transaction.on_commit(lambda: storage.delete(name))
        return 1

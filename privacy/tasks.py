"""Thin Celery wrappers over the personal data services: ids in, services do the work."""

import logging

from celery import Task, shared_task

from reports.services import TRANSIENT_ERRORS

from . import services

logger = logging.getLogger(__name__)


class DataExportBuildTask(Task):
    """Marks the export failed once its build has failed for good (retries exhausted)."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        export_id = (kwargs or {}).get("export_id")
        if export_id is None:
            return
        try:
            services.data_export_fail(export_id=export_id, error=exc)
        except Exception:
            logger.exception("Data export %s failed and could not be marked failed", export_id)


@shared_task(
    name="privacy.export_build",
    bind=True,
    base=DataExportBuildTask,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def data_export_build_task(self, *, export_id: int) -> str | None:
    """Builds one export; a missing or finished export is logged and skipped."""
    export = services.data_export_build(export_id=export_id)
    return export.status if export is not None else None


@shared_task(name="privacy.exports_expire", acks_late=True)
def data_export_expire_task() -> int:
    """Daily: deletes export files past their 30 days."""
    return services.data_export_expire_old()


@shared_task(name="privacy.purge", acks_late=True)
def personal_data_purge_task() -> dict:
    """Daily: removes documents and notifications past their retention periods."""
    return services.personal_data_purge().counts()

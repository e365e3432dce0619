"""Thin Celery wrappers over the personal data services: ids in, services do the work."""

from celery import shared_task

from reports.tasks import FileJobTask

from . import services


@shared_task(
    name="privacy.export_build",
    bind=True,
    base=FileJobTask,
    job=services.DATA_EXPORT_JOB,
    id_kwarg="export_id",
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

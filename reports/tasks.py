"""Thin Celery wrappers over the report services: ids in, services do the work."""

import logging

from celery import Task, shared_task

from . import services
from .jobs import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)


class FileJobTask(Task):
    """Builds a FileJob's file (reports/jobs.py): retried on transient failures, acknowledged
    late, and the row marked failed once its build has failed for good (retries exhausted).

    Each task names its `job` and the keyword argument carrying the row's id (`id_kwarg`) as
    options of its decorator.
    """

    job = None
    id_kwarg = None
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5
    acks_late = True
    reject_on_worker_lost = True

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        row_id = (kwargs or {}).get(self.id_kwarg)
        if row_id is None:
            return
        try:
            self.job.fail(row_id=row_id, error=exc)
        except Exception:
            logger.exception("%s %s failed and could not be marked failed", self.job.noun, row_id)


@shared_task(
    name="reports.build",
    bind=True,
    base=FileJobTask,
    job=services.REPORT_JOB,
    id_kwarg="report_id",
)
def report_build_task(self, *, report_id: int) -> str | None:
    """Builds one report; a missing or finished report is logged and skipped."""
    report = services.report_build(report_id=report_id)
    return report.status if report is not None else None


@shared_task(name="reports.expire", acks_late=True)
def report_expire_task() -> int:
    """Daily: deletes report files past their 30 days."""
    return services.report_expire_old()

"""Thin Celery wrappers over the report services: ids in, services do the work."""

import logging

from celery import Task, shared_task

from . import services

logger = logging.getLogger(__name__)


class ReportBuildTask(Task):
    """Marks the report failed once its build has failed for good (retries exhausted)."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        report_id = (kwargs or {}).get("report_id")
        if report_id is None:
            return
        try:
            services.report_fail(report_id=report_id, error=exc)
        except Exception:
            logger.exception("Report %s failed and could not be marked failed", report_id)


@shared_task(
    name="reports.build",
    bind=True,
    base=ReportBuildTask,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def report_build_task(self, *, report_id: int) -> str | None:
    """Builds one report; a missing or finished report is logged and skipped."""
    report = services.report_build(report_id=report_id)
    return report.status if report is not None else None


@shared_task(name="reports.expire", acks_late=True)
def report_expire_task() -> int:
    """Daily: deletes report files past their 30 days."""
    return services.report_expire_old()

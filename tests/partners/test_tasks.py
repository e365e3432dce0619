import datetime

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from partners.enums import AgreementStatus
from partners.models import Agreement
from partners.tasks import agreements_expire
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


def test_agreements_expire_task_expires_overdue_agreements():
    today = timezone.localdate()
    overdue = AgreementFactory(
        starts_on=today - datetime.timedelta(days=200), ends_on=today - datetime.timedelta(days=1)
    )
    current = AgreementFactory()
    assert agreements_expire.delay().get() == 1
    assert agreements_expire.delay().get() == 0
    assert Agreement.objects.get(pk=overdue.pk).status == AgreementStatus.EXPIRED
    assert Agreement.objects.get(pk=current.pk).status == AgreementStatus.ACTIVE


def test_agreements_expire_task_has_its_explicit_name():
    assert agreements_expire.name == "partners.agreements_expire"


def test_agreement_expiry_is_scheduled_daily():
    task = PeriodicTask.objects.select_related("crontab").get(name="Expire agreements")
    assert task.task == "partners.agreements_expire"
    assert task.enabled
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("0", "1", "*")
    assert str(crontab.timezone) == "UTC"

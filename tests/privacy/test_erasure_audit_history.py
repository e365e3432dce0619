"""Erasure reaches the audit history too: the person's data leaves it, who did what stays."""

import json

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry

from deployments.models import ActivityLog
from privacy import services
from volunteers import services as volunteer_services

from .conftest import fresh

pytestmark = pytest.mark.django_db

SECRETS = (
    "Li Wei",
    "li.wei@example.org",
    "I taught in Hebei",
    "Learn Nepali",
    "Reviewer's confidential remark",
    "Visa in hand",
    "Taught grade 6",
    "Shree Secondary School",
    "All well in Kathmandu",
    "reading club",
    "Patient and well prepared",
    "passport.pdf",
)


def _history_text() -> str:
    return json.dumps(
        [
            [e.object_repr, e.changes, e.changes_text, e.serialized_data, e.actor_email]
            for e in LogEntry.objects.all()
        ],
        ensure_ascii=False,
    )


def test_erasure_leaves_none_of_the_persons_data_in_the_audit_history(
    completed_volunteer, coordinator, django_capture_on_commit_callbacks
):
    person = completed_volunteer
    with set_actor(person, remote_addr="198.51.100.20"):
        volunteer_services.consent_withdraw(user=fresh(person))
    history = _history_text()
    assert [secret for secret in SECRETS if secret in history]  # it was there
    log = ActivityLog.objects.get(placement__volunteer=person)
    placement_entries = LogEntry.objects.get_for_object(log.placement).count()

    erasure_request = services.erasure_request_create(user=fresh(person), reason="Gone home")
    with django_capture_on_commit_callbacks(execute=True):
        services.erasure_carry_out(erasure_request_id=erasure_request.pk, by=fresh(coordinator))

    history = _history_text()
    assert [secret for secret in SECRETS if secret in history] == []
    # What feeds statistics and who did it stay.
    log_entry = LogEntry.objects.get_for_object(log).get(action=LogEntry.Action.CREATE)
    assert log_entry.changes["hours"] == ["None", "4"]
    assert log_entry.changes["description"] == ["[erased]", "[erased]"]
    assert LogEntry.objects.get_for_object(log.placement).count() == placement_entries
    own = LogEntry.objects.filter(actor=person)
    assert own.exists()
    assert set(own.values_list("actor_email", "remote_addr")) == {(None, None)}

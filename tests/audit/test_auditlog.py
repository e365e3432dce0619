"""The administrators' audit log: filters, CSV, and nobody can change it, admin included."""

import csv
import datetime
import io

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from partners import services as partner_services
from partners.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("audit:auditlog-list")
CSV_URL = reverse("audit:auditlog-csv")


@pytest.fixture
def entries(administrator):
    """Two people change two organisations; a project is created with nobody signed in."""
    alice = UserFactory(name="Alice", email="alice@ngo.example")
    bob = UserFactory(name="Bob", email="bob@partner.example")
    first = OrganisationFactory(name="First Org")
    second = OrganisationFactory(name="Second Org")
    with set_actor(alice):
        partner_services.organisation_update(organisation=first, city="Lalitpur")
    with set_actor(bob):
        partner_services.organisation_update(organisation=second, city="Bhaktapur")
    return {"alice": alice, "bob": bob, "first": first, "second": second}


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_person_filter_keeps_their_entries(client, administrator, entries):
    client.force_login(administrator)

    response = client.get(URL, {"person": "alice@"})

    assert response.status_code == 200
    assert {e.actor for e in response.context["page_obj"]} == {entries["alice"]}


def test_the_type_action_and_date_filters(client, administrator, entries):
    client.force_login(administrator)
    organisation_type = ContentType.objects.get_for_model(Organisation)
    today = timezone.localdate()

    response = client.get(
        URL,
        {
            "content_type": organisation_type.pk,
            "action": LogEntry.Action.UPDATE,
            "date_from": today.isoformat(),
            "date_to": today.isoformat(),
        },
    )
    tomorrow = client.get(URL, {"date_from": (today + datetime.timedelta(days=1)).isoformat()})

    assert sorted(e.object_repr for e in response.context["page_obj"]) == [
        "First Org",
        "Second Org",
    ]
    assert list(tomorrow.context["page_obj"]) == []


def test_the_csv_holds_the_filtered_rows(client, administrator, entries):
    client.force_login(administrator)

    response = client.get(CSV_URL, {"person": "bob@"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert [(r["Email"], r["Object"], r["Action"]) for r in rows] == [
        ("bob@partner.example", "Second Org", "update")
    ]
    assert "Bhaktapur" in rows[0]["Changes"]


@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_the_audit_log_is_only_for_administrators(client, coordinator, url):
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(coordinator)

    assert client.get(url).status_code == 403


def test_the_admin_allows_no_add_change_or_delete(client, administrator, entries):
    entry = LogEntry.objects.first()
    client.force_login(administrator)
    changelist = reverse("admin:auditlog_logentry_changelist")

    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "alice"}).status_code == 200
    assert client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk])).status_code == 403
    )
    client.post(reverse("admin:auditlog_logentry_change", args=[entry.pk]), {"cid": "forged"})
    entry.refresh_from_db()
    assert entry.cid != "forged"
    assert LogEntry.objects.filter(pk=entry.pk).exists()

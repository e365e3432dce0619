import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partners.enums import AgreementKind, AgreementStatus
from partners.models import Agreement, AgreementConfirmation
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% signed\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
TEN_MB = 10 * 1024 * 1024


@pytest.fixture
def agreement(host_partner, programme, private_storage):
    """An agreement between the programme's sending organisation and the host partner."""
    agreement = AgreementFactory(
        title="Host MoU", organisations=[programme.sending_organisation, host_partner]
    )
    agreement.document = SimpleUploadedFile("host-mou.pdf", PDF)
    agreement.save()
    return agreement


def stored_files(storage):
    root = storage.path("")
    import os

    return [name for _, _, names in os.walk(root) for name in names]


def agreement_data(parties, **overrides):
    today = timezone.localdate()
    data = {
        "title": "Volunteer hosting agreement",
        "kind": AgreementKind.PARTNERSHIP,
        "organisations": [p.pk for p in parties],
        "signed_on": today.isoformat(),
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=365)).isoformat(),
        "notes": "",
    }
    return {**data, **overrides}


VIEW_STATUS = [
    ("anonymous", 302),
    ("volunteer", 404),
    ("other_member", 404),
    ("partner_member", 200),
    ("org_admin", 200),
    ("linked_coordinator", 200),
    ("unlinked_coordinator", 404),
    ("administrator", 200),
]


@pytest.mark.parametrize(("role", "status"), VIEW_STATUS)
def test_agreement_detail_per_role(client, as_role, role, status, agreement):
    as_role(role)
    response = client.get(reverse("partners:agreement-detail", args=[agreement.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), VIEW_STATUS)
def test_agreement_document_per_role(client, as_role, role, status, agreement):
    as_role(role)
    response = client.get(reverse("partners:agreement-document", args=[agreement.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == 'attachment; filename="host-mou.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
        assert "no-store" in response["Cache-Control"]


def test_agreement_document_is_not_served_from_any_public_url(client, administrator, agreement):
    client.force_login(administrator)
    name = agreement.document.name
    for url in (agreement.document.url, f"/media/{name}", f"/media/private/{name}"):
        assert client.get(url).status_code == 404


def test_agreement_without_document_is_404(client, administrator):
    agreement = AgreementFactory()
    client.force_login(administrator)
    response = client.get(reverse("partners:agreement-document", args=[agreement.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("volunteer", False),
        ("other_member", False),
        ("partner_member", True),
        ("linked_coordinator", True),
        ("unlinked_coordinator", False),
        ("administrator", True),
    ],
)
def test_agreement_list_per_role(client, as_role, role, visible, agreement):
    as_role(role)
    response = client.get(reverse("partners:agreement-list"))
    assert response.status_code == 200
    assert (agreement in list(response.context["page"].object_list)) is visible


def test_agreement_list_needs_sign_in(client):
    response = client.get(reverse("partners:agreement-list"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_agreement_list_expiring_filter(client, administrator):
    today = timezone.localdate()
    soon = AgreementFactory(title="Soon", ends_on=today + datetime.timedelta(days=10))
    AgreementFactory(title="Later", ends_on=today + datetime.timedelta(days=200))
    AgreementFactory(
        title="Draft soon", status=AgreementStatus.DRAFT, ends_on=today + datetime.timedelta(days=5)
    )
    AgreementFactory(
        title="Already over",
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today - datetime.timedelta(days=1),
    )
    client.force_login(administrator)
    response = client.get(reverse("partners:agreement-list"), {"expiring": 60})
    assert list(response.context["page"].object_list) == [soon]
    assert "Agreements expiring in the next 60 days" in response.content.decode()
    response = client.get(reverse("partners:agreement-list"), {"expiring": "abc"})
    assert response.context["expiring"] is None
    assert len(response.context["page"].object_list) == 4


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("volunteer", 403),
        ("other_member", 403),
        ("org_admin", 403),
        ("linked_coordinator", 200),
        ("unlinked_coordinator", 200),
        ("administrator", 200),
    ],
)
def test_agreement_create_page_per_role(client, as_role, role, status):
    as_role(role)
    assert client.get(reverse("partners:agreement-create")).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("volunteer", 404),
        ("other_member", 404),
        ("org_admin", 403),
        ("linked_coordinator", 200),
        ("unlinked_coordinator", 404),
        ("administrator", 200),
    ],
)
def test_agreement_update_page_per_role(client, as_role, role, status, agreement):
    as_role(role)
    response = client.get(reverse("partners:agreement-update", args=[agreement.pk]))
    assert response.status_code == status


def test_agreement_create_with_document(
    client, linked_coordinator, programme, host_partner, private_storage
):
    other = programme.sending_organisation
    client.force_login(linked_coordinator)
    data = agreement_data(
        [host_partner, other], document=SimpleUploadedFile("mou.pdf", PDF, "application/pdf")
    )
    response = client.post(reverse("partners:agreement-create"), data)
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("partners:agreement-detail", args=[agreement.pk])
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.created_by == linked_coordinator
    assert set(agreement.organisations.all()) == {host_partner, other}
    assert len(stored_files(private_storage)) == 1


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("end_before_start", "ends_on", "The end date cannot be before the start date."),
        ("one_party", "organisations", "An agreement needs at least two organisations."),
        (
            "not_pdf",
            "document",
            "The document is not a PDF file. Upload the signed agreement as a PDF.",
        ),
        ("too_large", "document", "The document is larger than 10 MB. Upload a smaller PDF."),
    ],
)
def test_agreement_create_bad_input_writes_nothing(
    client, linked_coordinator, programme, host_partner, private_storage, case, field, message
):
    other = programme.sending_organisation
    today = timezone.localdate()
    document = SimpleUploadedFile("mou.pdf", PDF, "application/pdf")
    parties = [host_partner, other]
    overrides = {}
    if case == "end_before_start":
        overrides["ends_on"] = (today - datetime.timedelta(days=1)).isoformat()
    elif case == "one_party":
        parties = [host_partner]
    elif case == "not_pdf":
        document = SimpleUploadedFile("mou.pdf", b"PK\x03\x04 a zip file", "application/pdf")
    elif case == "too_large":
        document = SimpleUploadedFile("mou.pdf", PDF + b"0" * TEN_MB, "application/pdf")
    client.force_login(linked_coordinator)
    response = client.post(
        reverse("partners:agreement-create"),
        agreement_data(parties, document=document, **overrides),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Agreement.objects.count() == 0
    assert stored_files(private_storage) == []


def test_agreement_update_bad_input_keeps_the_agreement(client, administrator, agreement):
    client.force_login(administrator)
    parties = list(agreement.organisations.all())
    before = (agreement.title, agreement.document.name)
    response = client.post(
        reverse("partners:agreement-update", args=[agreement.pk]),
        agreement_data(
            parties,
            title="Changed",
            document=SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>"),
        ),
    )
    assert "document" in response.context["form"].errors
    agreement.refresh_from_db()
    assert (agreement.title, agreement.document.name) == before


def test_agreement_update_keeps_document_when_none_uploaded(client, linked_coordinator, agreement):
    client.force_login(linked_coordinator)
    parties = list(agreement.organisations.all())
    name = agreement.document.name
    response = client.post(
        reverse("partners:agreement-update", args=[agreement.pk]),
        agreement_data(
            parties,
            title="Renamed MoU",
            kind=agreement.kind,
            signed_on=agreement.signed_on.isoformat(),
            starts_on=agreement.starts_on.isoformat(),
            ends_on=agreement.ends_on.isoformat(),
        ),
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.document.name) == ("Renamed MoU", name)


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        (AgreementStatus.DRAFT, AgreementStatus.ACTIVE, True),
        (AgreementStatus.ACTIVE, AgreementStatus.TERMINATED, True),
        (AgreementStatus.TERMINATED, AgreementStatus.ACTIVE, False),
        (AgreementStatus.ACTIVE, AgreementStatus.EXPIRED, False),
        (AgreementStatus.EXPIRED, AgreementStatus.DRAFT, False),
    ],
)
def test_agreement_transition_view(client, administrator, source, target, allowed):
    agreement = AgreementFactory(status=source)
    for party in agreement.organisations.all():
        AgreementConfirmation.objects.create(agreement=agreement, organisation=party)
    client.force_login(administrator)
    response = client.post(
        reverse("partners:agreement-transition", args=[agreement.pk]),
        {"status": target},
        follow=True,
    )
    assert response.status_code == 200
    agreement.refresh_from_db()
    assert agreement.status == (target if allowed else source)
    levels = {m.level_tag for m in response.context["messages"]}
    assert levels == ({"success"} if allowed else {"error"})


def test_agreement_transition_with_nonsense_status_is_a_message(client, administrator):
    agreement = AgreementFactory(status=AgreementStatus.DRAFT)
    client.force_login(administrator)
    response = client.post(
        reverse("partners:agreement-transition", args=[agreement.pk]), {"status": "bogus"}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


@pytest.mark.parametrize(
    ("role", "status"),
    [("partner_member", 403), ("unlinked_coordinator", 404), ("linked_coordinator", 302)],
)
def test_agreement_transition_per_role(client, as_role, role, status, agreement):
    as_role(role)
    response = client.post(
        reverse("partners:agreement-transition", args=[agreement.pk]),
        {"status": AgreementStatus.TERMINATED},
    )
    assert response.status_code == status
    agreement.refresh_from_db()
    expected = AgreementStatus.TERMINATED if status == 302 else AgreementStatus.ACTIVE
    assert agreement.status == expected


def test_organisation_profile_shows_agreements_the_viewer_may_see(
    client, partner_member, other_member, host_partner, agreement
):
    url = reverse("partners:organisation-detail", args=[host_partner.pk])
    client.force_login(partner_member)
    assert list(client.get(url).context["agreements"]) == [agreement]
    client.force_login(other_member)
    assert list(client.get(url).context["agreements"]) == []

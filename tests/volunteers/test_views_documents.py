import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import DocumentFactory, PlacementFactory
from tests.factories.users import TEST_PASSWORD
from volunteers.enums import DocumentKind
from volunteers.models import Document

from .helpers import MINIMAL_PDF, MINIMAL_PNG, stored_files, upload

pytestmark = pytest.mark.django_db

LIST_URL = reverse("volunteers:document-list")
UPLOAD_URL = reverse("volunteers:document-upload")
OUTSIDERS = ["other_volunteer", "partner_member", "coordinator"]


def download_url(document) -> str:
    return reverse("volunteers:document-download", kwargs={"pk": document.pk})


def delete_url(document) -> str:
    return reverse("volunteers:document-delete", kwargs={"pk": document.pk})


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# Upload ----------------------------------------------------------------------------------


def test_upload_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_upload_stores_a_png_and_lists_it(client, volunteer):
    client.force_login(volunteer)

    response = client.post(
        UPLOAD_URL,
        {"kind": DocumentKind.CERTIFICATE, "file": upload("first-aid.png", MINIMAL_PNG, "x/y")},
    )

    assert response.status_code == 302
    assert response.url == LIST_URL
    document = Document.objects.get()
    assert (document.owner, document.kind, document.content_type) == (
        volunteer,
        "certificate",
        "image/png",
    )
    assert "first-aid.png" in client.get(LIST_URL).content.decode()


def test_upload_refuses_html_named_pdf_and_stores_nothing(client, volunteer):
    client.force_login(volunteer)
    before = stored_files()

    response = client.post(
        UPLOAD_URL,
        {"kind": DocumentKind.CV, "file": upload("cv.pdf", b"<html><script></script></html>")},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["file"]
    assert "This file is not a PDF, JPEG or PNG." in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files() == before


def test_upload_of_a_passport_needs_an_expiry_date(client, volunteer):
    client.force_login(volunteer)
    before = stored_files()

    response = client.post(
        UPLOAD_URL, {"kind": DocumentKind.PASSPORT, "file": upload("passport.pdf", MINIMAL_PDF)}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "expires_on": [
            "Add the expiry date: it is required for a passport, a visa and an insurance."
        ]
    }
    assert not Document.objects.exists()
    assert stored_files() == before


def test_upload_of_a_passport_with_expiry_date(client, volunteer):
    client.force_login(volunteer)
    expires_on = timezone.localdate() + datetime.timedelta(days=400)

    response = client.post(
        UPLOAD_URL,
        {
            "kind": DocumentKind.PASSPORT,
            "file": upload("passport.pdf", MINIMAL_PDF),
            "expires_on": expires_on.isoformat(),
        },
    )

    assert response.status_code == 302
    assert Document.objects.get().expires_on == expires_on


# List ------------------------------------------------------------------------------------


def test_document_list_shows_only_the_volunteers_own(client, volunteer, other_volunteer):
    DocumentFactory(owner=volunteer, original_filename="mine.pdf")
    DocumentFactory(owner=other_volunteer, original_filename="theirs.pdf")
    client.force_login(volunteer)

    response = client.get(LIST_URL)

    html = response.content.decode()
    assert "mine.pdf" in html
    assert "theirs.pdf" not in html


@pytest.mark.parametrize("rows", [1, 5])
def test_document_list_query_budget(client, volunteer, django_assert_max_num_queries, rows):
    DocumentFactory.create_batch(rows, owner=volunteer)
    client.force_login(volunteer)

    with django_assert_max_num_queries(6):
        response = client.get(LIST_URL)

    assert len(response.context["documents"]) == rows


# Download --------------------------------------------------------------------------------


def test_owner_downloads_their_document_privately(client, volunteer):
    document = DocumentFactory(owner=volunteer, original_filename="Li Wei CV.html")
    client.force_login(volunteer)

    response = client.get(download_url(document))

    assert response.status_code == 200
    assert body(response) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    # the stored, sniffed type decides the extension, not the uploaded name
    assert response["Content-Disposition"] == 'attachment; filename="Li Wei CV.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_administrator_downloads_any_document(client, volunteer, administrator):
    document = DocumentFactory(owner=volunteer)
    client.force_login(administrator)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})

    response = client.get(download_url(document))

    assert response.status_code == 200
    assert body(response) == MINIMAL_PDF


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_others_get_404_for_a_document(client, request, volunteer, outsider):
    document = DocumentFactory(owner=volunteer)
    client.force_login(request.getfixturevalue(outsider))

    assert client.get(download_url(document)).status_code == 404
    assert client.get(delete_url(document)).status_code == 404
    assert client.post(delete_url(document)).status_code == 404
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_missing_document_is_404_as_an_unseen_one(client, volunteer):
    client.force_login(volunteer)
    assert client.get(reverse("volunteers:document-download", kwargs={"pk": 999})).status_code == (
        404
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, volunteer):
    document = DocumentFactory(owner=volunteer)

    for url in (download_url(document), delete_url(document), LIST_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


# Delete ----------------------------------------------------------------------------------


def test_owner_deletes_their_document_and_its_file(
    client, volunteer, django_capture_on_commit_callbacks
):
    document = DocumentFactory(owner=volunteer)
    client.force_login(volunteer)
    path = document.file.path

    assert client.get(delete_url(document)).status_code == 200  # asks to confirm
    assert Document.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url(document))

    assert response.status_code == 302
    assert response.url == LIST_URL
    assert not Document.objects.exists()
    assert path not in {str(p) for p in stored_files()}


def test_administrator_deletes_a_document(client, volunteer, administrator):
    document = DocumentFactory(owner=volunteer)
    client.force_login(administrator)

    assert client.post(delete_url(document)).status_code == 302
    assert not Document.objects.exists()


def test_a_visa_expiring_before_the_placement_ends_is_stored_with_a_warning(client, volunteer):
    placement = PlacementFactory(application__volunteer=volunteer)
    expires_on = placement.planned_end - datetime.timedelta(days=30)
    client.force_login(volunteer)

    response = client.post(
        UPLOAD_URL,
        {
            "kind": DocumentKind.VISA,
            "file": upload("visa.pdf", MINIMAL_PDF),
            "expires_on": expires_on.isoformat(),
        },
        follow=True,
    )

    messages = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert messages[0] == ("success", "“visa.pdf” was uploaded.")
    assert [level for level, _text in messages[1:]] == ["warning"]
    assert "before the placement's planned end" in messages[1][1]
    assert Document.objects.get().expires_on == expires_on


def test_a_visa_lasting_the_whole_placement_has_no_warning(client, volunteer):
    placement = PlacementFactory(application__volunteer=volunteer)
    client.force_login(volunteer)

    response = client.post(
        UPLOAD_URL,
        {
            "kind": DocumentKind.VISA,
            "file": upload("visa.pdf", MINIMAL_PDF),
            "expires_on": placement.planned_end.isoformat(),
        },
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["success"]

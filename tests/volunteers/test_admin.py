from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import CompleteVolunteerProfileFactory, DocumentFactory
from volunteers.models import Document

pytestmark = pytest.mark.django_db


def test_admin_lists_and_searches_profiles(client, administrator, volunteer):
    profile = CompleteVolunteerProfileFactory(user=volunteer, name_native_script="李伟")
    client.force_login(administrator)

    listing = client.get(
        reverse("admin:volunteers_volunteerprofile_changelist"), {"q": "李伟", "nationality": "CN"}
    )
    change = client.get(reverse("admin:volunteers_volunteerprofile_change", args=[profile.pk]))

    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [profile]
    assert change.status_code == 200
    assert "languages-TOTAL_FORMS" in change.content.decode()  # the languages inline


def test_admin_lists_documents_without_offering_the_file(client, administrator, volunteer):
    document = DocumentFactory(owner=volunteer)
    client.force_login(administrator)

    listing = client.get(reverse("admin:volunteers_document_changelist"), {"q": volunteer.email})
    change = client.get(reverse("admin:volunteers_document_change", args=[document.pk]))

    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [document]
    assert change.status_code == 200
    assert document.file.name not in change.content.decode()
    assert client.get(reverse("admin:volunteers_document_add")).status_code == 403


def test_admin_delete_removes_the_file_too(
    client, administrator, volunteer, django_capture_on_commit_callbacks
):
    document = DocumentFactory(owner=volunteer)
    path = document.file.path
    client.force_login(administrator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:volunteers_document_delete", args=[document.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not Path(path).exists()

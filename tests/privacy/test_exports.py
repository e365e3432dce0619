"""A person downloads everything the portal holds about them, and nobody else can."""

import json
import zipfile

import pytest
from django.urls import reverse

from privacy import services
from privacy.models import DataExport
from reports.enums import ReportStatus

from .conftest import fresh

pytestmark = pytest.mark.django_db

SECTIONS = {
    "account",
    "volunteer_profile",
    "consents",
    "documents",
    "applications",
    "placements",
    "notifications",
    "exported_at",
}


def export_for(user, django_capture_on_commit_callbacks) -> DataExport:
    with django_capture_on_commit_callbacks(execute=True):
        export = services.data_export_request(user=fresh(user))
    export.refresh_from_db()
    return export


def test_export_zip_holds_every_section_and_the_files(
    completed_volunteer, django_capture_on_commit_callbacks
):
    export = export_for(completed_volunteer, django_capture_on_commit_callbacks)

    assert (export.status, export.progress) == (ReportStatus.DONE, 100)
    with export.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("data.json"))
        document_names = [document["file"] for document in data["documents"]]
        photo_names = data["placements"][0]["activity_logs"][0]["photos"]
        assert archive.read(document_names[0]).startswith(b"%PDF")
    assert set(data) == SECTIONS
    assert data["account"]["email"] == "li.wei@example.org"
    assert data["volunteer_profile"]["languages"] == [{"language": "en", "level": "C1"}]
    assert data["volunteer_profile"]["skills"] == ["Teaching"]
    assert [record["action"] for record in data["consents"]] == ["given"]
    assert len(document_names) == 2  # the CV and the passport
    assert len(photo_names) == 1
    assert set(document_names + photo_names) <= set(names)
    assert all(name.startswith("files/") for name in document_names + photo_names)
    application = data["applications"][0]
    assert application["status"]["code"] == "accepted"
    assert application["status_history"][0]["to"] == "accepted"
    placement = data["placements"][0]
    assert placement["appraisal"]["strengths"] == "Patient and well prepared."
    assert placement["check_ins"][0]["note"] == "All well in Kathmandu"
    assert placement["monthly_reports"][0]["achievements"] == "Started a reading club."
    assert placement["pre_departure_items"][0]["note"] == "Visa in hand"
    assert data["notifications"][0]["subject"] == "Welcome back"


def test_export_leaves_out_reviews_and_who_moved_the_application(
    completed_volunteer, django_capture_on_commit_callbacks
):
    export = export_for(completed_volunteer, django_capture_on_commit_callbacks)

    with export.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        text = archive.read("data.json").decode()
    assert "Reviewer's confidential remark" not in text
    assert "Secret Reviewer" not in text
    assert "Coordinator's private note" not in text
    assert '"recommendation"' not in text


def test_export_downloaded_only_by_its_owner(
    client, completed_volunteer, volunteer, administrator, django_capture_on_commit_callbacks
):
    export = export_for(completed_volunteer, django_capture_on_commit_callbacks)
    download = reverse("privacy:export-download", args=[export.pk])

    for other in (volunteer, administrator):
        client.force_login(other)
        assert client.get(download).status_code == 404
        assert client.get(reverse("privacy:export-detail", args=[export.pk])).status_code == 404
    client.force_login(completed_volunteer)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(__import__("io").BytesIO(b"".join(response.streaming_content)))


def test_export_requested_from_the_page_and_shown_with_progress(
    client, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(volunteer)
    assert client.get(reverse("privacy:overview")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:overview"))
    export = DataExport.objects.get(user=volunteer)
    assert response.url == reverse("privacy:export-detail", args=[export.pk])
    page = client.get(reverse("privacy:export-status", args=[export.pk]))
    assert reverse("privacy:export-download", args=[export.pk]) in page.content.decode()


def test_preferences_page_links_to_the_data_page(client, volunteer):
    client.force_login(volunteer)
    page = client.get(reverse("users:preferences")).content.decode()
    assert reverse("privacy:overview") in page


def test_export_expires_like_reports(completed_volunteer, django_capture_on_commit_callbacks):
    import datetime

    from .conftest import private_files

    export = export_for(completed_volunteer, django_capture_on_commit_callbacks)
    name = export.file.name
    with django_capture_on_commit_callbacks(execute=True):
        expired = services.data_export_expire_old(
            now=export.expires_at + datetime.timedelta(seconds=1)
        )
    export.refresh_from_db()
    assert (expired, export.status, export.file.name) == (1, ReportStatus.EXPIRED, "")
    assert name not in private_files()

"""Private files in an S3-compatible bucket (moto's in-memory S3): uploaded through the
real form, stored privately under their own prefix, and served only through the
permission-checked views, which stream them; another tenant gets 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deployments.enums import ApplicationStatus
from tests.conftest import S3_BUCKET, S3_PREFIX
from tests.factories import (
    ApplicationFactory,
    OpportunityFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
)
from tests.factories.users import TEST_PASSWORD
from tests.factories.volunteers import MINIMAL_PDF
from volunteers.enums import DocumentKind
from volunteers.models import Document

from .test_settings import manage

pytestmark = pytest.mark.django_db

BUCKET, PREFIX = S3_BUCKET, S3_PREFIX


@pytest.fixture
def applicant(programme):
    """A volunteer who applied to `programme`, whose coordinators may see their documents."""
    person = UserFactory(name="Li Wei")
    ApplicationFactory(
        volunteer=person,
        opportunity=OpportunityFactory(project=ProjectFactory(programme=programme)),
        status=ApplicationStatus.SCREENING,
    )
    return person


@pytest.fixture
def other_coordinator(db):
    """Coordinates another programme, which the applicant never applied to."""
    person = UserFactory(name="Other Coordinator")
    ProgrammeFactory(name="Another Programme").coordinators.add(person)
    return person


def upload_cv(client, person) -> Document:
    client.force_login(person)
    response = client.post(
        reverse("volunteers:document-upload"),
        {
            "kind": DocumentKind.CV,
            "file": SimpleUploadedFile("cv.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    return Document.objects.get(owner=person)


def download(client, document):
    return client.get(reverse("volunteers:document-download", args=[document.pk]))


def test_an_uploaded_document_is_a_private_object_under_its_prefix(
    client, s3_private_storage, applicant
):
    document = upload_cv(client, applicant)

    (stored,) = s3_private_storage.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"] == f"{PREFIX}/{document.file.name}"
    grants = s3_private_storage.get_object_acl(Bucket=BUCKET, Key=stored["Key"])["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert {grant["Grantee"]["Type"] for grant in grants} == {"CanonicalUser"}
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018


def test_the_owner_downloads_through_the_view(client, s3_private_storage, applicant):
    document = upload_cv(client, applicant)

    response = download(client, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Cache-Control"] == "private, no-store"


def test_the_programmes_coordinator_downloads_after_confirming_the_password(
    client, s3_private_storage, applicant, coordinator
):
    document = upload_cv(client, applicant)
    client.force_login(coordinator)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})

    response = download(client, document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF


@pytest.mark.parametrize("outsider", ["other_coordinator", "partner_member"])
def test_another_tenant_gets_404(client, request, s3_private_storage, applicant, outsider):
    document = upload_cv(client, applicant)
    person = request.getfixturevalue(outsider)
    client.force_login(person)
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})

    assert download(client, document).status_code == 404


def test_a_file_gone_from_the_bucket_is_404(client, s3_private_storage, applicant):
    document = upload_cv(client, applicant)
    s3_private_storage.delete_object(Bucket=BUCKET, Key=f"{PREFIX}/{document.file.name}")

    assert download(client, document).status_code == 404


PRINT_PRIVATE_STORAGE = (
    "from django.core.files.storage import storages; s = storages['private']; "
    "print(type(s).__name__, getattr(s, 'bucket_name', '-'), getattr(s, 'location', '-'), "
    "getattr(s, 'endpoint_url', '-'), getattr(s, 'default_acl', '-'))"
)


def test_settings_choose_the_bucket_from_the_environment():
    # The local settings, as `manage.py` uses (the test settings pin the disk).
    local = {"DJANGO_SETTINGS_MODULE": "volunteer_portal.settings.local"}
    on_disk = manage(
        "shell", "--no-imports", "-c", PRINT_PRIVATE_STORAGE, AWS_STORAGE_BUCKET_NAME="", **local
    )
    in_bucket = manage(
        "shell",
        "--no-imports",
        "-c",
        PRINT_PRIVATE_STORAGE,
        AWS_STORAGE_BUCKET_NAME="portal-files",
        AWS_S3_ENDPOINT_URL="http://minio:9000",
        **local,
    )

    assert on_disk.stdout.split()[0] == "PrivateFileSystemStorage", on_disk.stderr
    assert in_bucket.stdout.split() == [
        "PrivateS3Storage",
        "portal-files",
        "private",
        "http://minio:9000",
        "private",
    ], in_bucket.stderr

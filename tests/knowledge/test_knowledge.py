"""The knowledge base: each viewer reads only what its visibility allows; coordinators edit
and publish; lists keep a fixed query budget."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deployments.enums import PlacementStatus
from knowledge import services
from knowledge.enums import ResourceStatus, Visibility
from knowledge.models import Resource
from tests.factories import (
    MembershipFactory,
    OpportunityFactory,
    PlacementFactory,
    ProgrammeFactory,
    ProjectFactory,
    ResourceFactory,
    UserFactory,
)
from tests.factories.volunteers import MINIMAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme, coordinator, host_partner, partner_member, volunteer):
    project = ProjectFactory(programme=programme, host_partner=host_partner)
    PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=project),
        status=PlacementStatus.IN_COUNTRY,
    )
    resources = {
        "public": ResourceFactory(programme=programme, visibility=Visibility.PUBLIC),
        "programme": ResourceFactory(programme=programme, visibility=Visibility.PROGRAMME),
        "partners": ResourceFactory(programme=programme, visibility=Visibility.PARTNERS),
        "draft": ResourceFactory(
            programme=programme, status=ResourceStatus.DRAFT, visibility=Visibility.PUBLIC
        ),
        "elsewhere": ResourceFactory(visibility=Visibility.PROGRAMME),
    }
    return resources


EXPECTED = {
    "anonymous": {"public"},
    "stranger": {"public"},
    "volunteer": {"public", "programme"},
    "partner_member": {"public", "programme", "partners"},
    "coordinator": {"public", "programme", "partners", "draft"},
    "administrator": {"public", "programme", "partners", "draft", "elsewhere"},
}


@pytest.mark.parametrize("role", EXPECTED)
def test_each_viewer_sees_what_visibility_allows(client, world, request, role):
    if role == "stranger":
        client.force_login(UserFactory())
    elif role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    listed = {row.pk for row in client.get(reverse("knowledge:resource-list")).context["page_obj"]}

    assert listed == {world[key].pk for key in EXPECTED[role]}
    for key, resource in world.items():
        status = client.get(reverse("knowledge:resource-detail", args=[resource.pk])).status_code
        assert status == (200 if key in EXPECTED[role] else 404), key


@pytest.mark.parametrize("rows", [1, 4])
def test_the_list_query_budget(client, coordinator, programme, django_assert_max_num_queries, rows):
    for _ in range(rows):
        ResourceFactory(programme=programme, countries=["NP", "MM"])
    client.force_login(coordinator)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("knowledge:resource-list"), {"country": "NP"})

    assert len(response.context["page_obj"]) == rows


def test_the_coordinator_edits_attaches_and_publishes_a_draft(client, coordinator, programme):
    draft = ResourceFactory(programme=programme, status=ResourceStatus.DRAFT, published_at=None)
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:resource-update", args=[draft.pk]),
        {
            "title": "Teaching large classes",
            "kind": "good_practice",
            "body": "Group work in fours.",
            "countries": ["NP"],
            "visibility": "public",
            "attachment": SimpleUploadedFile("guide.pdf", MINIMAL_PDF),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    client.post(reverse("knowledge:resource-publish", args=[draft.pk]))

    draft.refresh_from_db()
    assert (draft.title, draft.status, draft.countries) == (
        "Teaching large classes",
        ResourceStatus.PUBLISHED,
        ["NP"],
    )
    attachment = draft.attachments.get()
    client.logout()
    download = client.get(reverse("knowledge:attachment-download", args=[attachment.pk]))
    assert download.status_code == 200


def test_others_cannot_edit_or_publish(client, programme):
    other_coordinator = UserFactory()
    ProgrammeFactory().coordinators.add(other_coordinator)
    draft = ResourceFactory(programme=programme, status=ResourceStatus.DRAFT, published_at=None)
    with pytest.raises(ValidationError):
        services.resource_publish(resource=draft, by=other_coordinator)
    client.force_login(other_coordinator)
    assert client.get(reverse("knowledge:resource-update", args=[draft.pk])).status_code == 404


def test_publishing_twice_changes_nothing(coordinator, programme):
    resource = ResourceFactory(programme=programme)
    published_at = resource.published_at
    assert services.resource_publish(resource=resource, by=coordinator).published_at == published_at


def test_the_coordinator_creates_a_manual(client, coordinator, programme):
    client.force_login(coordinator)
    response = client.post(
        reverse("knowledge:resource-create"),
        {
            "programme": programme.pk,
            "title": "Volunteer manual 2026",
            "kind": "volunteer_manual",
            "body": "Safety, health, conduct.",
            "visibility": "programme",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Resource.objects.get().status == ResourceStatus.DRAFT


def test_a_volunteer_cannot_create_resources(client, volunteer):
    client.force_login(volunteer)
    assert client.get(reverse("knowledge:resource-create")).status_code == 403


def test_a_partner_of_another_programme_does_not_read_partner_resources(world, client):
    outsider = UserFactory()
    MembershipFactory(user=outsider)
    client.force_login(outsider)
    response = client.get(reverse("knowledge:resource-detail", args=[world["partners"].pk]))
    assert response.status_code == 404


def test_knowledge_is_never_imported_by_deployments():
    from pathlib import Path

    import deployments

    root = Path(deployments.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "knowledge"
        in "".join(
            line for line in path.read_text().splitlines() if line.startswith(("import", "from"))
        )
    ]
    assert offenders == []


def test_the_coordinator_removes_an_attachment_and_its_file(
    client, coordinator, programme, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(programme=programme)
    attachment = services.resource_attach(
        resource=resource, by=coordinator, file=SimpleUploadedFile("guide.pdf", MINIMAL_PDF)
    )
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("knowledge:attachment-remove", args=[attachment.pk]))

    assert response.status_code == 302
    assert not resource.attachments.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("who", ["volunteer", "other coordinator"])
def test_nobody_else_removes_an_attachment(client, coordinator, programme, volunteer, who):
    resource = ResourceFactory(programme=programme, visibility=Visibility.PUBLIC)
    attachment = services.resource_attach(
        resource=resource, by=coordinator, file=SimpleUploadedFile("guide.pdf", MINIMAL_PDF)
    )
    person = volunteer
    if who == "other coordinator":
        person = UserFactory()
        ProgrammeFactory().coordinators.add(person)
    client.force_login(person)

    response = client.post(reverse("knowledge:attachment-remove", args=[attachment.pk]))

    assert response.status_code in (403, 404)
    assert resource.attachments.count() == 1

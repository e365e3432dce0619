"""Who sees and does what with placements, for every role and object: host supervisors only
their organisation's projects, volunteers only their own, coordinators only their
programmes. Private photos and certificates answer 404 to everyone else."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from deployments import selectors, services
from deployments.enums import PlacementStatus
from tests.factories import (
    ActivityLogFactory,
    MembershipFactory,
    OpportunityFactory,
    PlacementFactory,
    UserFactory,
)
from users.models import User

from .conftest import ROLES

pytestmark = pytest.mark.django_db

# Administrators (superusers) hold every permission, in the portal as in the Django admin.
SEES = {"volunteer", "host_member", "coordinator", "administrator"}
MANAGES = {"coordinator", "administrator"}
SUPERVISES = {"host_member", "administrator"}
VOLUNTEERS = {"volunteer", "administrator"}


@pytest.fixture
def placement(recruiting_project, volunteer):
    return PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=recruiting_project),
        status=PlacementStatus.IN_COUNTRY,
    )


def fresh(user):
    return None if user is None else User.objects.get(pk=user.pk)


@pytest.mark.parametrize("role", ROLES)
def test_viewing_a_placement(people, placement, role):
    user = fresh(people[role])
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    assert user.has_perm("deployments.view_placement", placement) == (role in SEES)
    assert user.has_perm("deployments.manage_placement", placement) == (role in MANAGES)
    assert user.has_perm("deployments.supervise_placement", placement) == (role in SUPERVISES)
    assert user.has_perm("deployments.log_activity", placement) == (role in VOLUNTEERS)
    assert user.has_perm("deployments.check_in", placement) == (role in VOLUNTEERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_board_lists_only_what_the_role_may_see(people, placement, role):
    PlacementFactory()  # another programme, another host, another volunteer
    user = people[role]
    if user is None:
        return
    listed = list(selectors.placement_list(viewer=fresh(user)))
    expected = {
        "volunteer": 1,
        "host_member": 1,
        "other_member": 0,
        "coordinator": 1,
        "other_coordinator": 0,
        "administrator": 2,
    }[role]
    assert len(listed) == expected
    if expected == 1:
        assert listed == [placement]


@pytest.mark.parametrize("role", ROLES)
def test_the_placement_page_answers_404_to_those_who_may_not_see_it(client_as, placement, role):
    response = client_as(role).get(reverse("deployments:placement-detail", args=[placement.pk]))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in SEES else 404)


def test_a_reviewer_only_member_of_the_host_does_not_see_placements(placement, client):
    reviewer = UserFactory()
    MembershipFactory(user=reviewer, organisation=placement.project.host_partner, is_reviewer=True)
    client.force_login(reviewer)

    assert (
        client.get(reverse("deployments:placement-detail", args=[placement.pk])).status_code == 404
    )
    assert not fresh(reviewer).has_perm("deployments.view_placement", placement)


def test_the_named_host_supervisor_sees_and_supervises(placement):
    supervisor = UserFactory()
    MembershipFactory(
        user=supervisor,
        organisation=placement.project.host_partner,
        is_admin=True,
        is_reviewer=False,
    )
    placement.host_supervisor = supervisor
    placement.save()

    assert fresh(supervisor).has_perm("deployments.view_placement", placement)
    assert fresh(supervisor).has_perm("deployments.supervise_placement", placement)


def test_a_supervisor_of_another_host_sees_nothing(placement):
    outsider = UserFactory()
    MembershipFactory(user=outsider, is_supervisor=True)
    assert not fresh(outsider).has_perm("deployments.view_placement", placement)
    assert list(selectors.placement_list(viewer=fresh(outsider))) == []


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(buffer, format="JPEG")
    return SimpleUploadedFile("evidence.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name", ["deployments:activity-photo", "deployments:activity-photo-thumbnail"]
)
def test_photos_only_through_the_checked_view(client_as, placement, volunteer, role, name):
    log = ActivityLogFactory(placement=placement)
    services.activity_log_update(log=log, by=volunteer, photos=[jpeg()])
    photo = log.photos.get()

    response = client_as(role).get(reverse(name, args=[photo.pk]))

    if role == "anonymous":
        assert response.status_code == 302
    elif role in SEES:
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert response.status_code == 404


def test_photo_files_have_no_public_url(placement, volunteer):
    log = ActivityLogFactory(placement=placement)
    services.activity_log_update(log=log, by=volunteer, photos=[jpeg()])
    with pytest.raises(ValueError, match="no URL"):
        log.photos.get().image.url  # noqa: B018


@pytest.mark.parametrize("role", ROLES)
def test_the_certificate_for_the_volunteer_and_coordinators_only(people, placement, role):
    placement.status = PlacementStatus.COMPLETED
    placement.actual_end = placement.planned_end
    user = fresh(people[role])
    if user is None:
        return
    allowed = role in {"volunteer", "coordinator", "administrator"}
    assert user.has_perm("deployments.download_certificate", placement) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_appraising_and_writing_lessons_once_the_placement_is_over(people, placement, role):
    user = fresh(people[role])
    if user is None:
        return
    assert user.has_perm("deployments.appraise_placement", placement) == (role == "administrator")
    placement.status = PlacementStatus.COMPLETED
    assert user.has_perm("deployments.appraise_placement", placement) == (role in SUPERVISES)
    assert user.has_perm("deployments.write_lessons", placement) == (role in VOLUNTEERS)


@pytest.mark.parametrize("role", ROLES)
def test_activity_log_rights(people, placement, role):
    log = ActivityLogFactory(placement=placement)
    user = fresh(people[role])
    if user is None:
        return
    assert user.has_perm("deployments.view_activity_log", log) == (role in SEES)
    assert user.has_perm("deployments.review_activity_log", log) == (role in MANAGES)
    assert user.has_perm("deployments.verify_activity_log", log) == (role in SUPERVISES)
    assert user.has_perm("deployments.change_activity_log", log) == (role in VOLUNTEERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_log_review_queue_is_for_coordinators(client_as, placement, role):
    ActivityLogFactory(placement=placement)
    response = client_as(role).get(reverse("deployments:activity-log-queue"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in MANAGES:
        assert response.status_code == 200
        assert len(response.context["page_obj"]) == 1
    elif role == "other_coordinator":
        assert response.status_code == 200
        assert len(response.context["page_obj"]) == 0
    else:
        assert response.status_code == 403

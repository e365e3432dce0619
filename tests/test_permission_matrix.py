"""Every URL of the portal × every role, declared in one table (issue 10 §2; STYLE.md item 13).

The URL list comes from the URLconf: a project URL without a row in `TABLE`, or an allauth or
admin URL matched by no rule in `GROUPS`, fails `test_every_url_has_a_row` naming it.

One world with two sides, A and B, is built once for the module; every request is made with
A's objects. Side B's people are never allowed on A's private objects (404, or 403 where the
view says "not for your role" rather than "no such thing"), and the admin of an organisation
that programme A proposed a partnership to, but that has not accepted, gets nothing an
accepted partner's admin gets.

Expectations: ALLOWED (200, or a redirect that is not to the login page), LOGIN (a redirect to
/accounts/login/), or a status code (403, 404, 405). A 200 with form errors is "allowed": the
question here is who gets past the permission check, not what the form wants.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from api.services import api_token_create
from deployments.enums import (
    ApplicationStatus,
    CheckInResponse,
    CheckInStatus,
    PartnershipStatus,
    PlacementStatus,
    ProjectStatus,
)
from deployments.models import ActivityPhoto
from knowledge.enums import ResourceStatus, Visibility
from knowledge.models import ResourceAttachment
from notifications.models import Notification
from partners.enums import AgreementStatus
from privacy.models import DataExport, ErasureRequest
from reports.enums import ReportStatus
from tests.factories import (
    ActivityLogFactory,
    AgreementFactory,
    ApplicationFactory,
    CheckInFactory,
    DocumentFactory,
    IndicatorFactory,
    InvitationFactory,
    MembershipFactory,
    MonthlyReportFactory,
    NeedsAssessmentFactory,
    OpportunityFactory,
    OrganisationFactory,
    PartnershipFactory,
    PlacementFactory,
    ProgrammeFactory,
    ProjectFactory,
    ReportRequestFactory,
    ResourceFactory,
    ReviewAssignmentFactory,
    UserFactory,
    VolunteerProfileFactory,
)
from tests.factories.volunteers import MINIMAL_PDF

ALLOWED = "allowed"
LOGIN = "login"
ADMIN_LOGIN = "admin-login"

ROLES = [
    "anonymous",
    "volunteer_a",
    "volunteer_b",
    "host_admin_a",
    "host_reviewer_a",
    "host_supervisor_a",
    "host_admin_b",
    "host_reviewer_b",
    "host_supervisor_b",
    "coordinator_a",
    "coordinator_b",
    "proposed_org_admin",
    "administrator",
]
SIDE_B = {"volunteer_b", "host_admin_b", "host_reviewer_b", "host_supervisor_b", "coordinator_b"}
SIGNED_IN = set(ROLES) - {"anonymous"}


# The world ---------------------------------------------------------------------------------


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "green").save(buffer, format="JPEG")
    return buffer.getvalue()


@dataclass
class World:
    people: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)


def build_side(world: World, side: str) -> None:
    """A programme with everything around it; every object belongs to this side only."""
    people, ids = world.people, world.ids
    sending = OrganisationFactory(name=f"Sending {side}", country="CN", city="Beijing")
    programme = ProgrammeFactory(name=f"Programme {side}", sending_organisation=sending)
    coordinator = UserFactory(name=f"Coordinator {side}")
    programme.coordinators.add(coordinator)
    # Not verified: its page is for its members, its partners' coordinators and the
    # administrators only, so the organisation rows tell who counts as a partner.
    host = OrganisationFactory(
        name=f"Host {side}", country="NP", is_verified=False, verified_at=None
    )
    PartnershipFactory(programme=programme, organisation=host)
    partnership = programme.partnerships.get(organisation=host)

    host_admin = UserFactory(name=f"Host admin {side}")
    MembershipFactory(user=host_admin, organisation=host, is_admin=True, is_reviewer=False)
    host_reviewer = UserFactory(name=f"Host reviewer {side}")
    reviewer_membership = MembershipFactory(user=host_reviewer, organisation=host, is_reviewer=True)
    host_supervisor = UserFactory(name=f"Host supervisor {side}")
    MembershipFactory(
        user=host_supervisor, organisation=host, is_reviewer=False, is_supervisor=True
    )

    # A public project (recruiting) with an open opportunity, and a private one (still being
    # assessed) for the rows about a project's own pages.
    project = ProjectFactory(programme=programme, host_partner=host, title=f"Project {side}")
    private_project = ProjectFactory(
        programme=programme,
        host_partner=host,
        title=f"Private project {side}",
        status=ProjectStatus.NEEDS_ASSESSMENT,
    )
    NeedsAssessmentFactory(project=private_project)
    indicator = IndicatorFactory(project=private_project)
    opportunity = OpportunityFactory(project=project, title=f"Opportunity {side}")

    volunteer = UserFactory(name=f"Volunteer {side}")
    VolunteerProfileFactory(user=volunteer)
    document = DocumentFactory(owner=volunteer)
    # The volunteer's application, with the host's reviewer (not blind).
    application = ApplicationFactory(
        volunteer=volunteer,
        opportunity=OpportunityFactory(project=project),
        status=ApplicationStatus.PARTNER_REVIEW,
    )
    ReviewAssignmentFactory(application=application, reviewer=host_reviewer, organisation=host)
    ApplicationFactory(opportunity=opportunity)  # someone else's, in the pipeline

    placement = PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=project),
        status=PlacementStatus.IN_COUNTRY,
    )
    completed = PlacementFactory(
        application__volunteer=volunteer,
        application__opportunity=OpportunityFactory(project=project),
        status=PlacementStatus.COMPLETED,
    )
    log = ActivityLogFactory(placement=placement)
    photo = ActivityPhoto(log=log)
    photo.image.save("evidence.jpg", ContentFile(jpeg()), save=False)
    photo.thumbnail.save("thumb.jpg", ContentFile(jpeg()), save=False)
    photo.save()
    check_in = CheckInFactory(placement=placement)
    emergency = CheckInFactory(
        placement=placement, status=CheckInStatus.EMERGENCY, response=CheckInResponse.OPEN
    )
    monthly_report = MonthlyReportFactory(placement=placement)

    report = ReportRequestFactory(requested_by=coordinator)
    report.status = ReportStatus.DONE
    report.progress = 100
    report.finished_at = timezone.now()
    report.expires_at = timezone.now() + datetime.timedelta(days=7)
    report.file.save("activity.csv", ContentFile(b"a,b\n1,2\n"))  # saves the row too

    resource = ResourceFactory(
        programme=programme,
        author=coordinator,
        visibility=Visibility.PROGRAMME,
        status=ResourceStatus.PUBLISHED,
    )
    attachment = ResourceAttachment(
        resource=resource,
        original_filename="guide.pdf",
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
    )
    attachment.file.save("guide.pdf", ContentFile(MINIMAL_PDF))

    # A draft, awaiting each party's confirmation.
    agreement = AgreementFactory(
        organisations=[sending, host], title=f"MoU {side}", status=AgreementStatus.DRAFT
    )
    agreement.document.save("mou.pdf", ContentFile(MINIMAL_PDF))

    # The volunteer's own data export, ready, and their request for erasure (still blocked by
    # the placement in country, which the rows never get past: they post no confirmation).
    data_export = DataExport.objects.create(user=volunteer)
    data_export.status = ReportStatus.DONE
    data_export.progress = 100
    data_export.finished_at = timezone.now()
    data_export.expires_at = timezone.now() + datetime.timedelta(days=7)
    data_export.file.save("my-data.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    erasure_request = ErasureRequest.objects.create(subject=volunteer, reason="Going home")

    api_token, _key = api_token_create(user=volunteer, name=f"Field app {side}")

    invitation = InvitationFactory(organisation=host, invited_by=host_admin)
    notification = Notification.objects.create(
        recipient=volunteer, kind=Notification._meta.get_field("kind").choices[0][0], subject="Hi"
    )

    people.update(
        {
            f"volunteer_{side}": volunteer,
            f"host_admin_{side}": host_admin,
            f"host_reviewer_{side}": host_reviewer,
            f"host_supervisor_{side}": host_supervisor,
            f"coordinator_{side}": coordinator,
        }
    )
    ids[side] = {
        "programme": programme.pk,
        "sending": sending.pk,
        "host": host.pk,
        "partnership": partnership.pk,
        "reviewer_membership": reviewer_membership.pk,
        "project": project.pk,
        "private_project": private_project.pk,
        "indicator": indicator.pk,
        "opportunity": opportunity.pk,
        "application": application.pk,
        "document": document.pk,
        "placement": placement.pk,
        "completed_placement": completed.pk,
        "log": log.pk,
        "emergency": emergency.pk,
        "photo": photo.pk,
        "check_in": check_in.pk,
        "api_token": api_token.pk,
        "monthly_report": monthly_report.pk,
        "report": report.pk,
        "resource": resource.pk,
        "attachment": attachment.pk,
        "agreement": agreement.pk,
        "invitation_token": invitation.token,
        "notification": notification.pk,
        "data_export": data_export.pk,
        "erasure_request": erasure_request.pk,
    }


def build_world() -> World:
    world = World()
    build_side(world, "a")
    build_side(world, "b")
    # An organisation programme A proposed a partnership to; it has not accepted.
    proposed = OrganisationFactory(
        name="Proposed organisation", country="NP", is_verified=False, verified_at=None
    )
    proposed_admin = UserFactory(name="Proposed admin")
    MembershipFactory(user=proposed_admin, organisation=proposed, is_admin=True, is_supervisor=True)
    proposal = PartnershipFactory(
        programme_id=world.ids["a"]["programme"],
        organisation=proposed,
        status=PartnershipStatus.PROPOSED,
    )
    a = world.ids["a"]
    coordinator_a = world.people["coordinator_a"]
    # An agreement with the proposed organisation: not yet a partner, so not coordinator A's.
    proposed_agreement = AgreementFactory(organisations=[proposed], title="MoU, not accepted")
    proposed_agreement.organisations.add(a["sending"])
    # A resource for programme A's partners only.
    partners_resource = ResourceFactory(
        programme_id=a["programme"], author=coordinator_a, visibility=Visibility.PARTNERS
    )
    # An organisation coordinator A registered and that has no admin yet: they may set it up.
    registered = OrganisationFactory(
        name="Registered by coordinator A",
        is_verified=False,
        verified_at=None,
        created_by=coordinator_a,
    )
    a["proposed_org"] = proposed.pk
    a["proposed_agreement"] = proposed_agreement.pk
    a["partners_resource"] = partners_resource.pk
    a["registered_org"] = registered.pk
    world.ids["a"]["proposal"] = proposal.pk
    world.people["proposed_org_admin"] = proposed_admin
    world.people["administrator"] = UserFactory(
        name="Platform administrator", is_superuser=True, is_staff=True
    )
    world.people["anonymous"] = None
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, inside a transaction rolled back after the module; each test runs in a
    savepoint of its own (the `db` fixture), so POSTs never leak into the next case."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# The URLconf -------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name with namespaces, route) of every pattern the project answers to."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, route, inner)
        else:
            assert isinstance(pattern, URLPattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else None), route


def outcome(response):
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return ALLOWED
    if response.status_code in (200, 201):  # 201: the API made the record
        return ALLOWED
    return response.status_code


# The table ---------------------------------------------------------------------------------

REFUSED = "refused"  # a redirect that carries an error message: the view said no, politely

ADMIN = {"administrator"}
COORD_A = {"coordinator_a"}
COORDINATORS = {"coordinator_a", "coordinator_b"}
HOST_A = {"host_admin_a", "host_reviewer_a", "host_supervisor_a"}
PARTNER_ADMINS = {"host_admin_a", "host_admin_b", "proposed_org_admin"}


def expect(default=404, *, anonymous=LOGIN, allowed=(), **by_expectation):
    """Role → expected answer: `default` for everyone signed in, `anonymous` for the
    anonymous visitor, ALLOWED for `allowed`, and e.g. `forbidden={...}` (403) or
    `refused={...}` for other groups. Explicit single roles win: `volunteer_a=403`."""
    table = dict.fromkeys(SIGNED_IN, default)
    table["anonymous"] = anonymous
    groups = {"forbidden": 403, "refused": REFUSED, "not_found": 404}
    for name, value in by_expectation.items():
        if name in groups:
            for role in value:
                table[role] = groups[name]
    for role in allowed:
        table[role] = ALLOWED
    for name, value in by_expectation.items():
        if name in ROLES:
            table[name] = value
    return table


def everyone(answer=ALLOWED, anonymous=LOGIN):
    return expect(answer, anonymous=anonymous)


@dataclass
class Row:
    """One URL: its kwargs from A's ids, and the expectation per role for GET and POST.

    `post=None` for views that only read (POST is not asked). `shared` marks URLs that are
    not about one of A's private objects (lists, one's own pages, public pages): only there
    may side B and the proposed organisation's admin be allowed.
    """

    get: dict | None
    post: dict | None = None
    kwargs: dict = field(default_factory=dict)  # kwarg name → key in world.ids["a"]
    data: dict = field(default_factory=dict)  # POST data: name → key in world.ids["a"] or value
    shared: bool = False
    headers: dict = field(default_factory=dict)  # e.g. the API's Idempotency-Key
    xfail: dict = field(default_factory=dict)  # (method, role) → reason, for known bugs


def pk(key):
    return {"pk": key}


TABLE = {
    # Home, dashboard, health --------------------------------------------------------------
    "home": Row(get=everyone(anonymous=ALLOWED), shared=True),
    "dashboard": Row(get=everyone(), shared=True),
    "healthz": Row(get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True),
    # Users --------------------------------------------------------------------------------
    "users:preferences": Row(get=everyone(), post=everyone(), shared=True),
    "users:set-language": Row(
        get=expect(405, anonymous=405),
        post=everyone(anonymous=ALLOWED),
        data={"language": "en"},
        shared=True,
    ),
    # The audit log is for administrators only.
    "audit:auditlog-list": Row(get=expect(403, allowed=ADMIN), shared=True),
    "audit:auditlog-csv": Row(get=expect(403, allowed=ADMIN), shared=True),
    # Partners: organisations (host A is not verified: outsiders learn nothing of it) ------
    "partners:organisation-list": Row(get=everyone(anonymous=ALLOWED), shared=True),
    "partners:organisation-create": Row(
        get=expect(403, allowed=ADMIN), post=expect(403, allowed=ADMIN), shared=True
    ),
    # Its members, the coordinators of a programme it accepted, the administrators.
    "partners:organisation-detail": Row(
        get=expect(404, anonymous=404, allowed=HOST_A | COORD_A | ADMIN), kwargs=pk("host")
    ),
    # Coordinators never edit, verify or manage the members of an organisation.
    "partners:organisation-update": Row(
        get=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        post=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        kwargs=pk("host"),
    ),
    # The History is for whoever may change the object: 403 to those who only see it.
    "partners:organisation-history": Row(
        get=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        kwargs=pk("host"),
    ),
    "partners:organisation-verify": Row(
        get=expect(405),
        post=expect(404, allowed=ADMIN, forbidden=HOST_A | COORD_A),
        kwargs=pk("host"),
    ),
    "partners:member-list": Row(
        get=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        post=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        kwargs=pk("host"),
    ),
    "partners:member-update": Row(
        get=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        post=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        kwargs={"pk": "host", "membership_pk": "reviewer_membership"},
    ),
    "partners:member-remove": Row(
        get=expect(405),
        post=expect(404, allowed=ADMIN | {"host_admin_a"}, forbidden=HOST_A | COORD_A),
        kwargs={"pk": "host", "membership_pk": "reviewer_membership"},
    ),
    # The invitation page answers anyone holding the token (it asks them to sign in).
    "partners:invitation-accept": Row(
        get=everyone(anonymous=ALLOWED),
        post=everyone(anonymous=ALLOWED),
        kwargs={"token": "invitation_token"},
        shared=True,
    ),
    # Partners: agreements (A's is between A's sending organisation and host A) -------------
    "partners:agreement-list": Row(get=everyone(), shared=True),
    "partners:agreement-create": Row(
        get=expect(403, allowed=COORDINATORS | ADMIN),
        post=expect(403, allowed=COORDINATORS | ADMIN),
        shared=True,
    ),
    "partners:agreement-detail": Row(
        get=expect(404, allowed=HOST_A | COORD_A | ADMIN), kwargs=pk("agreement")
    ),
    "partners:agreement-update": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("agreement"),
    ),
    "partners:agreement-history": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A), kwargs=pk("agreement")
    ),
    "partners:agreement-transition": Row(
        get=expect(405),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("agreement"),
    ),
    # Each party's admin confirms for their own organisation; nobody for another, not even a
    # platform administrator (the service refuses: not an admin of host A).
    "partners:agreement-confirm": Row(
        get=expect(405),
        post=expect(404, allowed={"host_admin_a"}, refused=ADMIN, forbidden=HOST_A | COORD_A),
        kwargs=pk("agreement"),
        data={"organisation": "host"},
    ),
    "partners:agreement-document": Row(
        get=expect(404, allowed=HOST_A | COORD_A | ADMIN), kwargs=pk("agreement")
    ),
    # Volunteers: one's own profile and documents -------------------------------------------
    "volunteers:profile": Row(get=everyone(), post=everyone(), shared=True),
    "volunteers:consent-withdraw": Row(get=expect(405), post=everyone(), shared=True),
    "volunteers:document-list": Row(get=everyone(), shared=True),
    "volunteers:document-upload": Row(get=everyone(), post=everyone(), shared=True),
    # Deleting stays with the owner and the administrators.
    "volunteers:document-delete": Row(
        get=expect(404, allowed={"volunteer_a"} | ADMIN),
        post=expect(404, allowed={"volunteer_a"} | ADMIN),
        kwargs=pk("document"),
    ),
    # Coordinators of a programme applied to, and the assigned reviewer (review not blind).
    "volunteers:document-download": Row(
        get=expect(404, allowed={"volunteer_a", "host_reviewer_a"} | COORD_A | ADMIN),
        kwargs=pk("document"),
    ),
    # Notifications -------------------------------------------------------------------------
    "notifications:list": Row(get=everyone(), shared=True),
    "notifications:read": Row(
        get=expect(405), post=expect(404, allowed={"volunteer_a"}), kwargs=pk("notification")
    ),
    "notifications:read-all": Row(get=expect(405), post=everyone(), shared=True),
    # 286 tells htmx to stop polling once the visitor is signed out.
    "notifications:unread-count": Row(get=everyone(anonymous=286), shared=True),
    "notifications:preferences": Row(get=everyone(), post=everyone(), shared=True),
    # Knowledge: A's resource is published for programme A's people -------------------------
    "knowledge:resource-list": Row(get=everyone(anonymous=ALLOWED), shared=True),
    "knowledge:resource-create": Row(
        get=expect(403, allowed=COORDINATORS | ADMIN),
        post=expect(403, allowed=COORDINATORS | ADMIN),
        shared=True,
    ),
    "knowledge:resource-detail": Row(
        get=expect(404, anonymous=404, allowed={"volunteer_a"} | HOST_A | COORD_A | ADMIN),
        kwargs=pk("resource"),
    ),
    "knowledge:resource-update": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a"} | HOST_A),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a"} | HOST_A),
        kwargs=pk("resource"),
    ),
    "knowledge:resource-publish": Row(
        get=expect(405),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a"} | HOST_A),
        kwargs=pk("resource"),
    ),
    "knowledge:attachment-download": Row(
        get=expect(404, anonymous=404, allowed={"volunteer_a"} | HOST_A | COORD_A | ADMIN),
        kwargs=pk("attachment"),
    ),
    "knowledge:attachment-remove": Row(
        get=expect(405),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a"} | HOST_A),
        kwargs=pk("attachment"),
    ),
    # Reports: A's report belongs to coordinator A, who asked for it -------------------------
    # An empty request is a form error (400) for those who may ask for reports.
    "reports:report-list": Row(
        get=everyone(),
        post=expect(403, **dict.fromkeys(COORDINATORS | PARTNER_ADMINS | ADMIN, 400)),
        shared=True,
    ),
    "reports:report-detail": Row(get=expect(404, allowed=COORD_A | ADMIN), kwargs=pk("report")),
    "reports:report-status": Row(get=expect(404, allowed=COORD_A | ADMIN), kwargs=pk("report")),
    "reports:report-download": Row(get=expect(404, allowed=COORD_A | ADMIN), kwargs=pk("report")),
    # Personal data: A's export is volunteer A's alone, administrators included -------------
    # Asking for one's data, or for erasure (an empty form), is for everyone signed in.
    "privacy:overview": Row(get=everyone(), post=everyone(), shared=True),
    "privacy:export-detail": Row(
        get=expect(404, allowed={"volunteer_a"}), kwargs=pk("data_export")
    ),
    "privacy:export-status": Row(
        get=expect(404, allowed={"volunteer_a"}), kwargs=pk("data_export")
    ),
    "privacy:export-download": Row(
        get=expect(404, allowed={"volunteer_a"}), kwargs=pk("data_export")
    ),
    "privacy:erasure-request": Row(get=everyone(), post=everyone(), shared=True),
    # Coordinators see the requests of people who applied to their programmes.
    "privacy:erasure-list": Row(get=expect(403, allowed=COORDINATORS | ADMIN), shared=True),
    # Volunteer A applied to programme A; an unconfirmed erasure is a form error (400).
    "privacy:erasure-detail": Row(
        get=expect(404, allowed=COORD_A | ADMIN),
        post=expect(404, **dict.fromkeys(COORD_A | ADMIN, 400)),
        kwargs=pk("erasure_request"),
    ),
    # Deployments: opportunities (A's is open, on a public project) -----------------------
    "deployments:opportunity-list": Row(get=everyone(anonymous=ALLOWED), shared=True),
    # The field app's manifest, service worker and offline page hold nothing personal.
    "deployments:field-app-manifest": Row(
        get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
    ),
    "deployments:field-app-service-worker": Row(
        get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
    ),
    "deployments:field-app-offline": Row(
        get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
    ),
    "deployments:opportunity-detail": Row(
        get=everyone(anonymous=ALLOWED), kwargs=pk("opportunity"), shared=True
    ),
    # Public, so "forbidden" leaks nothing.
    "deployments:opportunity-update": Row(
        get=expect(403, allowed=COORD_A | ADMIN),
        post=expect(403, allowed=COORD_A | ADMIN),
        kwargs=pk("opportunity"),
    ),
    "deployments:opportunity-history": Row(
        get=expect(403, allowed=COORD_A | ADMIN), kwargs=pk("opportunity")
    ),
    "deployments:opportunity-transition": Row(
        get=expect(405), post=expect(403, allowed=COORD_A | ADMIN), kwargs=pk("opportunity")
    ),
    "deployments:opportunity-create": Row(
        get=expect(403, allowed=COORD_A | ADMIN),
        post=expect(403, allowed=COORD_A | ADMIN),
        kwargs=pk("project"),
    ),
    "deployments:application-apply": Row(
        get=everyone(), post=everyone(), kwargs=pk("opportunity"), shared=True
    ),
    "deployments:opportunity-pipeline": Row(
        get=expect(404, allowed=COORD_A | ADMIN),
        post=expect(404, allowed=COORD_A | ADMIN),
        kwargs=pk("opportunity"),
    ),
    # Projects: A's private project is still being assessed, hosted by host A ---------------
    "deployments:project-list": Row(get=everyone(anonymous=ALLOWED), shared=True),
    "deployments:project-create": Row(
        get=expect(403, allowed=COORDINATORS | ADMIN),
        post=expect(403, allowed=COORDINATORS | ADMIN),
        shared=True,
    ),
    "deployments:project-detail": Row(
        get=expect(404, anonymous=404, allowed=HOST_A | COORD_A | ADMIN),
        kwargs=pk("private_project"),
    ),
    "deployments:project-update": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("private_project"),
    ),
    "deployments:project-history": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A), kwargs=pk("private_project")
    ),
    "deployments:project-transition": Row(
        get=expect(405),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("private_project"),
    ),
    "deployments:needs-assessment-edit": Row(
        get=expect(404, allowed=HOST_A | COORD_A | ADMIN),
        post=expect(404, allowed=HOST_A | COORD_A | ADMIN),
        kwargs=pk("private_project"),
    ),
    # The host signs off; the coordinator may not sign for it.
    "deployments:needs-assessment-sign-off": Row(
        get=expect(405),
        post=expect(404, allowed=HOST_A | ADMIN, forbidden=COORD_A),
        kwargs=pk("private_project"),
    ),
    "deployments:indicator-create": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("private_project"),
    ),
    "deployments:indicator-update": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("indicator"),
    ),
    "deployments:indicator-delete": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("indicator"),
    ),
    "deployments:project-indicators": Row(
        get=expect(404, allowed=HOST_A | COORD_A | ADMIN), kwargs=pk("private_project")
    ),
    # Host members see the indicators; recording a measurement is the coordinators'.
    "deployments:indicator-measurement-create": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden=HOST_A),
        kwargs=pk("indicator"),
    ),
    # Programmes and partnerships ------------------------------------------------------------
    "deployments:programme-list": Row(get=expect(403, allowed=COORDINATORS | ADMIN), shared=True),
    "deployments:programme-detail": Row(
        get=expect(404, allowed=COORD_A | ADMIN), kwargs=pk("programme")
    ),
    "deployments:programme-update": Row(
        get=expect(404, allowed=COORD_A | ADMIN),
        post=expect(404, allowed=COORD_A | ADMIN),
        kwargs=pk("programme"),
    ),
    "deployments:programme-history": Row(
        get=expect(404, allowed=COORD_A | ADMIN), kwargs=pk("programme")
    ),
    # The IATI download (a redirect to the programme page when it cannot be published).
    "deployments:programme-iati": Row(
        get=expect(404, allowed=COORD_A | ADMIN), kwargs=pk("programme")
    ),
    "deployments:partnership-list": Row(get=everyone(), shared=True),
    "deployments:partnership-propose": Row(
        get=expect(404, allowed=COORD_A | ADMIN),
        post=expect(404, allowed=COORD_A | ADMIN),
        kwargs=pk("programme"),
    ),
    "deployments:programme-organisation-register": Row(
        get=expect(404, allowed=COORD_A | ADMIN),
        post=expect(404, allowed=COORD_A | ADMIN),
        kwargs=pk("programme"),
    ),
    # The proposal to the proposed organisation: only its admin accepts; A's coordinator
    # sees it (and may end it) but cannot accept for the organisation.
    "deployments:partnership-accept": Row(
        get=expect(405),
        post=expect(404, allowed={"proposed_org_admin"} | ADMIN, forbidden=COORD_A),
        kwargs=pk("proposal"),
        shared=True,  # the proposed organisation's own partnership
    ),
    # A's active partnership with host A: either side ends it.
    "deployments:partnership-end": Row(
        get=expect(405),
        post=expect(404, allowed={"host_admin_a"} | COORD_A | ADMIN),
        kwargs=pk("partnership"),
    ),
    # Applications: volunteer A's, in review by host A's reviewer --------------------------
    "deployments:application-list": Row(get=everyone(), shared=True),
    "deployments:application-detail": Row(
        get=expect(404, allowed={"volunteer_a", "host_reviewer_a"} | COORD_A | ADMIN),
        kwargs=pk("application"),
    ),
    "deployments:application-history": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_reviewer_a"}),
        kwargs=pk("application"),
    ),
    # Which move is whose is the service's decision; the view answers 404 to those who may
    # not see the application, and an empty move is refused with a message.
    "deployments:application-transition": Row(
        get=expect(405),
        post=expect(404, refused={"volunteer_a", "host_reviewer_a"} | COORD_A | ADMIN),
        kwargs=pk("application"),
    ),
    "deployments:application-release": Row(
        get=expect(405),
        post=expect(404, allowed=COORD_A | ADMIN, refused={"volunteer_a", "host_reviewer_a"}),
        kwargs=pk("application"),
        data={"organisations": "host"},
    ),
    # Administrators hold every permission (DESIGN.md, roles), reviewing included.
    "deployments:review-edit": Row(
        get=expect(404, allowed={"host_reviewer_a"} | ADMIN, refused={"volunteer_a"} | COORD_A),
        post=expect(404, allowed={"host_reviewer_a"} | ADMIN, refused={"volunteer_a"} | COORD_A),
        kwargs=pk("application"),
    ),
    # Only the assigned reviewer declares a conflict; the service refuses anyone else.
    "deployments:review-conflict": Row(
        get=expect(405),
        post=expect(404, allowed={"host_reviewer_a"}, refused={"volunteer_a"} | COORD_A | ADMIN),
        kwargs=pk("application"),
        data={"comment": "I taught this candidate."},
    ),
    # Placements: volunteer A's, in country, supervised by host A's supervisor ---------------
    "deployments:placement-list": Row(get=everyone(), shared=True),
    "deployments:activity-log-queue": Row(
        get=expect(403, allowed=COORDINATORS | ADMIN), shared=True
    ),
    "deployments:placement-detail": Row(
        get=expect(404, allowed={"volunteer_a", "host_supervisor_a"} | COORD_A | ADMIN),
        kwargs=pk("placement"),
    ),
    "deployments:placement-update": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_supervisor_a"}),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_supervisor_a"}),
        kwargs=pk("placement"),
    ),
    "deployments:placement-history": Row(
        get=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_supervisor_a"}),
        kwargs=pk("placement"),
    ),
    "deployments:placement-transition": Row(
        get=expect(405),
        post=expect(404, refused={"volunteer_a", "host_supervisor_a"} | COORD_A | ADMIN),
        kwargs=pk("placement"),
    ),
    "deployments:pre-departure-item-update": Row(
        get=expect(405),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_supervisor_a"}),
        kwargs={"pk": "placement", "item": "visa"},
    ),
    "deployments:activity-log-create": Row(
        get=expect(404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A),
        post=expect(
            404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A
        ),
        kwargs=pk("placement"),
    ),
    "deployments:monthly-report-create": Row(
        get=expect(404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A),
        post=expect(
            404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A
        ),
        kwargs=pk("placement"),
    ),
    "deployments:check-in-create": Row(
        get=expect(405),
        post=expect(
            404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A
        ),
        kwargs=pk("placement"),
    ),
    # Volunteer A's open emergency: the coordinators and host supervisors answer it.
    "deployments:check-in-acknowledge": Row(
        get=expect(405),
        post=expect(
            404, allowed={"host_supervisor_a"} | COORD_A | ADMIN, forbidden={"volunteer_a"}
        ),
        kwargs=pk("emergency"),
    ),
    "deployments:check-in-resolve": Row(
        get=expect(404, allowed={"host_supervisor_a"} | COORD_A | ADMIN, forbidden={"volunteer_a"}),
        post=expect(
            404, allowed={"host_supervisor_a"} | COORD_A | ADMIN, forbidden={"volunteer_a"}
        ),
        kwargs=pk("emergency"),
    ),
    # Appraisal, lessons and certificate on volunteer A's completed placement.
    "deployments:appraisal-edit": Row(
        get=expect(404, allowed={"host_supervisor_a"} | ADMIN, forbidden={"volunteer_a"} | COORD_A),
        post=expect(
            404, allowed={"host_supervisor_a"} | ADMIN, forbidden={"volunteer_a"} | COORD_A
        ),
        kwargs=pk("completed_placement"),
    ),
    "deployments:lessons-edit": Row(
        get=expect(404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A),
        post=expect(
            404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A
        ),
        kwargs=pk("completed_placement"),
    ),
    "deployments:placement-certificate": Row(
        get=expect(404, allowed={"volunteer_a"} | COORD_A | ADMIN, forbidden={"host_supervisor_a"}),
        kwargs=pk("completed_placement"),
    ),
    # Volunteer A's activity log, submitted, with a photo.
    "deployments:activity-log-update": Row(
        get=expect(404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A),
        post=expect(
            404, allowed={"volunteer_a"} | ADMIN, forbidden={"host_supervisor_a"} | COORD_A
        ),
        kwargs=pk("log"),
    ),
    "deployments:activity-log-review": Row(
        get=expect(405),
        post=expect(404, allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_supervisor_a"}),
        kwargs=pk("log"),
    ),
    "deployments:activity-log-supervise": Row(
        get=expect(405),
        post=expect(
            404, allowed={"host_supervisor_a"} | ADMIN, forbidden={"volunteer_a"} | COORD_A
        ),
        kwargs=pk("log"),
    ),
    "deployments:activity-photo": Row(
        get=expect(404, allowed={"volunteer_a", "host_supervisor_a"} | COORD_A | ADMIN),
        kwargs=pk("photo"),
    ),
    "deployments:activity-photo-thumbnail": Row(
        get=expect(404, allowed={"volunteer_a", "host_supervisor_a"} | COORD_A | ADMIN),
        kwargs=pk("photo"),
    ),
}

# The REST API (api/): the same rules as the pages. Visitors get 401 (the API asks for a
# token); another side's objects are not found; the placement named in a write that the person
# cannot see is an invalid choice (400), one they see but may not work on is 403.
API_UNAUTHENTICATED = 401
PLACEMENT_A_PEOPLE = {"volunteer_a", "host_supervisor_a"} | COORD_A | ADMIN
# Writes on placement A by those who see it but are not its volunteer.
PLACEMENT_A_OTHERS = {"host_supervisor_a"} | COORD_A | ADMIN
FIELD_WRITE_KEY = {"Idempotency-Key": "matrix-key"}
TODAY = timezone.localdate().isoformat()


def api_expect(default=404, **by_expectation):
    return expect(default, anonymous=API_UNAUTHENTICATED, **by_expectation)


def api_write(**by_expectation):
    """A field write naming placement A: its volunteer makes it, those who see the
    placement are forbidden, everyone else named a placement they cannot choose."""
    return api_expect(400, allowed={"volunteer_a"}, forbidden=PLACEMENT_A_OTHERS, **by_expectation)


TABLE.update(
    {
        "api:schema": Row(
            get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
        ),
        "api:docs": Row(
            get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
        ),
        # Public reads: A's project and opportunity are public; host A is not verified.
        "api:project-list": Row(
            get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
        ),
        # The private project (still being assessed), as on its page.
        "api:project-detail": Row(
            get=expect(404, anonymous=404, allowed=HOST_A | COORD_A | ADMIN),
            post=expect(405, anonymous=405),
            kwargs=pk("private_project"),
        ),
        "api:opportunity-list": Row(
            get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
        ),
        "api:opportunity-detail": Row(
            get=everyone(anonymous=ALLOWED),
            post=expect(405, anonymous=405),
            kwargs=pk("opportunity"),
            shared=True,
        ),
        "api:organisation-list": Row(
            get=everyone(anonymous=ALLOWED), post=expect(405, anonymous=405), shared=True
        ),
        "api:organisation-detail": Row(
            get=expect(404, anonymous=404, allowed=HOST_A | COORD_A | ADMIN),
            post=expect(405, anonymous=405),
            kwargs=pk("host"),
        ),
        # Personal tokens: one's own page; volunteer A's token is theirs alone.
        "api:token-list": Row(
            get=everyone(), post=everyone(), data={"name": "Matrix"}, shared=True
        ),
        "api:token-revoke": Row(
            get=expect(405), post=expect(404, allowed={"volunteer_a"}), kwargs=pk("api_token")
        ),
        "api:placement-list": Row(get=api_expect(ALLOWED), post=api_expect(405), shared=True),
        "api:placement-detail": Row(
            get=api_expect(allowed=PLACEMENT_A_PEOPLE), post=api_expect(405), kwargs=pk("placement")
        ),
        "api:my-placement-list": Row(get=api_expect(ALLOWED), post=api_expect(405), shared=True),
        "api:my-placement-detail": Row(
            get=api_expect(allowed={"volunteer_a"}), post=api_expect(405), kwargs=pk("placement")
        ),
        "api:activity-log-list": Row(
            get=api_expect(ALLOWED),
            post=api_write(),
            data={
                "placement": "placement",
                "date": TODAY,
                "hours": "2",
                "activity_type": "teaching",
                "description": "Matrix",
            },
            headers=FIELD_WRITE_KEY,
            shared=True,  # everyone lists the logs they see
        ),
        "api:activity-log-detail": Row(
            get=api_expect(allowed=PLACEMENT_A_PEOPLE), post=api_expect(405), kwargs=pk("log")
        ),
        "api:check-in-list": Row(
            get=api_expect(ALLOWED),
            post=api_write(),
            data={"placement": "placement", "status": "ok"},
            headers=FIELD_WRITE_KEY,
            shared=True,
        ),
        # On the completed placement, which has no report yet: yesterday lies in it.
        "api:monthly-report-list": Row(
            get=api_expect(ALLOWED),
            post=api_write(),
            data={
                "placement": "completed_placement",
                "month": f"{timezone.localdate() - datetime.timedelta(days=1):%Y-%m}",
                "achievements": "Matrix",
            },
            headers=FIELD_WRITE_KEY,
            shared=True,
        ),
        "api:monthly-report-detail": Row(
            get=api_expect(allowed=PLACEMENT_A_PEOPLE),
            post=api_expect(405),
            kwargs=pk("monthly_report"),
        ),
        # Coordinators review logs as on the queue and the placement page.
        "api:activity-log-review-queue": Row(
            get=api_expect(403, allowed=COORDINATORS | ADMIN), post=api_expect(405), shared=True
        ),
        "api:activity-log-review": Row(
            get=api_expect(405),
            post=api_expect(
                allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_supervisor_a"}
            ),
            data={"action": "approved"},
            kwargs=pk("log"),
        ),
        # Applications: A's volunteer's, in partner review with host A's reviewer.
        "api:application-list": Row(get=api_expect(ALLOWED), post=api_expect(405), shared=True),
        "api:application-detail": Row(
            get=api_expect(allowed={"volunteer_a", "host_reviewer_a"} | COORD_A | ADMIN),
            post=api_expect(405),
            kwargs=pk("application"),
        ),
        # Shortlisting is a coordinator's move: the others who see it are refused (403).
        "api:application-transition": Row(
            get=api_expect(405),
            post=api_expect(allowed=COORD_A | ADMIN, forbidden={"volunteer_a", "host_reviewer_a"}),
            data={"to": "shortlisted"},
            kwargs=pk("application"),
        ),
        # Only the assigned reviewer reviews (the service refuses a superuser too).
        "api:application-review": Row(
            get=api_expect(405),
            post=api_expect(
                allowed={"host_reviewer_a"}, forbidden={"volunteer_a"} | COORD_A | ADMIN
            ),
            data={
                "skills_fit": 4,
                "language": 4,
                "motivation": 4,
                "intercultural_readiness": 4,
                "recommendation": "recommend",
            },
            kwargs=pk("application"),
        ),
        "api:my-application-list": Row(get=api_expect(ALLOWED), post=api_expect(405), shared=True),
        "api:my-application-detail": Row(
            get=api_expect(allowed={"volunteer_a"}), post=api_expect(405), kwargs=pk("application")
        ),
        # One's own profile: those without one (everyone but the volunteers) get 404.
        "api:my-profile": Row(
            get=api_expect(allowed={"volunteer_a", "volunteer_b"}),
            post=api_expect(405),
            shared=True,
        ),
        "api:review-queue-list": Row(get=api_expect(ALLOWED), post=api_expect(405), shared=True),
        "api:review-list": Row(get=api_expect(ALLOWED), post=api_expect(405), shared=True),
        "api:check-in-detail": Row(
            get=api_expect(allowed=PLACEMENT_A_PEOPLE), post=api_expect(405), kwargs=pk("check_in")
        ),
    }
)

# More rows for URLs already in the table, on other objects of A's: what a proposal that was
# not accepted grants (nothing), and what registering an organisation grants (setting it up
# until it has an admin of its own).
EXTRA = {
    "proposed organisation's page": (
        "partners:organisation-detail",
        Row(
            get=expect(404, anonymous=404, allowed={"proposed_org_admin"} | ADMIN),
            kwargs=pk("proposed_org"),
            shared=True,  # the proposed organisation's own
        ),
    ),
    "proposed organisation's profile": (
        "partners:organisation-update",
        Row(
            get=expect(404, allowed={"proposed_org_admin"} | ADMIN),
            post=expect(404, allowed={"proposed_org_admin"} | ADMIN),
            kwargs=pk("proposed_org"),
            shared=True,  # the proposed organisation's own
        ),
    ),
    "proposal withdrawn or declined": (
        "deployments:partnership-end",
        Row(
            get=expect(405),
            post=expect(404, allowed={"proposed_org_admin"} | COORD_A | ADMIN),
            kwargs=pk("proposal"),
            shared=True,  # the proposed organisation's own partnership
        ),
    ),
    "agreement with the proposed organisation": (
        "partners:agreement-detail",
        Row(
            get=expect(404, allowed={"proposed_org_admin"} | ADMIN),
            kwargs=pk("proposed_agreement"),
            shared=True,  # the proposed organisation's own agreement
        ),
    ),
    "agreement with the proposed organisation, edited": (
        "partners:agreement-update",
        Row(
            get=expect(404, allowed=ADMIN, forbidden={"proposed_org_admin"}),
            post=expect(404, allowed=ADMIN, forbidden={"proposed_org_admin"}),
            kwargs=pk("proposed_agreement"),
            shared=True,
        ),
    ),
    "resource for A's partners": (
        "knowledge:resource-detail",
        Row(
            get=expect(404, anonymous=404, allowed=HOST_A | COORD_A | ADMIN),
            kwargs=pk("partners_resource"),
        ),
    ),
    "organisation registered by coordinator A, no admin yet": (
        "partners:organisation-update",
        Row(
            get=expect(404, allowed=COORD_A | ADMIN),
            post=expect(404, allowed=COORD_A | ADMIN),
            kwargs=pk("registered_org"),
        ),
    ),
    "members of the organisation registered by coordinator A": (
        "partners:member-list",
        Row(
            get=expect(404, allowed=COORD_A | ADMIN),
            post=expect(404, allowed=COORD_A | ADMIN),
            kwargs=pk("registered_org"),
        ),
    ),
    "verifying the organisation registered by coordinator A": (
        "partners:organisation-verify",
        Row(
            get=expect(405),
            post=expect(404, allowed=ADMIN, forbidden=COORD_A),
            kwargs=pk("registered_org"),
        ),
    ),
}


def all_rows():
    """(case label, URL name, row) of the table and the extra rows."""
    for name, row in TABLE.items():
        yield name, name, row
    for label, (name, row) in EXTRA.items():
        yield label, name, row


# Rows whose view refuses with a redirect and an error message, rather than 403 or 404.
REFUSING_WITH_A_MESSAGE = {
    "partners:agreement-confirm",
    "deployments:application-transition",
    "deployments:application-release",
    "deployments:review-edit",
    "deployments:review-conflict",
    "deployments:placement-transition",
}


# allauth and the Django admin: group rules --------------------------------------------------

# Every allauth URL, by name: what the anonymous visitor and a signed-in volunteer get on GET.
# allauth decides these; the rows are here so that a new one (a new allauth feature switched
# on) is noticed and thought about.
ALLAUTH = {
    # name: (anonymous, signed in), on GET
    "account_login": (ALLOWED, ALLOWED),
    "account_logout": (ALLOWED, ALLOWED),
    "account_inactive": (ALLOWED, ALLOWED),
    "account_signup": (ALLOWED, ALLOWED),
    "account_reauthenticate": (LOGIN, ALLOWED),
    "account_request_reauthentication_code": (LOGIN, ALLOWED),
    "account_confirm_reauthentication_code": (LOGIN, ALLOWED),
    "account_email": (LOGIN, ALLOWED),
    "account_email_verification_sent": (ALLOWED, ALLOWED),
    "account_change_password": (LOGIN, ALLOWED),
    "account_set_password": (LOGIN, ALLOWED),
    "account_reset_password": (ALLOWED, ALLOWED),
    "account_confirm_login_code": (LOGIN, ALLOWED),
    "account_confirm_email": (ALLOWED, ALLOWED),  # an unknown key: a page saying so
    "account_reset_password_from_key_done": (ALLOWED, ALLOWED),
    "account_reset_password_from_key": (ALLOWED, ALLOWED),  # an unknown key: likewise
    "account_reset_password_done": (ALLOWED, ALLOWED),
    "mfa_index": (LOGIN, ALLOWED),
    "mfa_authenticate": (LOGIN, ALLOWED),
    "mfa_reauthenticate": (LOGIN, ALLOWED),
    "mfa_activate_totp": (LOGIN, ALLOWED),
    # Nothing to deactivate or show without an authenticator.
    "mfa_deactivate_totp": (LOGIN, 404),
    "mfa_view_recovery_codes": (LOGIN, 404),
    "mfa_generate_recovery_codes": (LOGIN, ALLOWED),
    "mfa_download_recovery_codes": (LOGIN, 404),
}
ALLAUTH_KWARGS = {
    "account_confirm_email": {"key": "not-a-key"},
    "account_reset_password_from_key": {"uidb36": "zz", "key": "not-a-key"},
}

# The models registered in the Django admin. Everyone but a superuser is sent to the admin's
# sign-in (which is allauth's, see urls.py); a new registration fails until added here.
ADMIN_MODELS = {
    "account.emailaddress",
    "auditlog.logentry",  # read-only, for superusers too (audit/admin.py)
    "auth.group",
    "deployments.activitylog",
    "deployments.application",
    "deployments.appraisal",
    "deployments.checkin",
    "deployments.indicator",
    "deployments.indicatormeasurement",
    "deployments.monthlyreport",
    "deployments.needsassessment",
    "deployments.needsassessmentevent",
    "deployments.opportunity",
    "deployments.opportunitylanguage",
    "deployments.opportunitystatuschange",
    "deployments.placement",
    "deployments.programme",
    "deployments.project",
    "deployments.projectpartner",
    "deployments.projectstatuschange",
    "deployments.review",
    "deployments.sustainabledevelopmentgoal",
    "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.intervalschedule",
    "django_celery_beat.periodictask",
    "django_celery_beat.solarschedule",
    "knowledge.resource",
    "mfa.authenticator",
    "notifications.notification",
    "notifications.notificationpreference",
    "notifications.reminderrecord",
    "partners.agreement",
    "partners.invitation",
    "partners.membership",
    "partners.organisation",
    "privacy.dataexport",
    "privacy.erasurerequest",
    "reports.reportrequest",
    "users.user",
    "volunteers.document",
    "volunteers.skill",
    "volunteers.volunteerprofile",
}
ADMIN_PAGES = {
    "admin:index",
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:autocomplete",
    "admin:jsi18n",
    "admin:view_on_site",
    "admin:app_list",
}
ADMIN_MODEL_URL = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/")


def rule_for(name, route) -> str | None:
    """The declared rule covering a pattern, or None."""
    if route.startswith("accounts/"):
        return "allauth" if name in ALLAUTH else None
    if route.startswith("admin/"):
        if name in ADMIN_PAGES or route == "admin/(?P<url>.*)$":
            return "admin"
        match = ADMIN_MODEL_URL.match(route)
        if match and f"{match['app']}.{match['model']}" in ADMIN_MODELS:
            return "admin"
        if name == "admin:auth_user_password_change":
            return "admin"
        return None
    return "table" if name in TABLE else None


def test_every_url_has_a_row():
    missing = sorted(
        f"{name} ({route})" for name, route in url_patterns() if not rule_for(name, route)
    )
    assert not missing, "URLs without a row in the permission matrix:\n" + "\n".join(missing)


def test_no_row_for_a_url_that_is_gone():
    names = {name for name, _ in url_patterns()}
    assert not set(TABLE) - names
    assert not {name for name, _ in EXTRA.values()} - set(TABLE)
    assert not set(ALLAUTH) - names


def test_side_b_and_the_proposed_organisation_get_nothing_of_a():
    """Outside `shared` rows (lists, one's own pages, public pages), side B's people and the
    admin of the organisation that has not accepted A's proposal are never allowed."""
    outsiders = SIDE_B | {"proposed_org_admin"}
    leaks = [
        (label, method, role)
        for label, _name, row in all_rows()
        if not row.shared
        for method in ("get", "post")
        if getattr(row, method)
        for role in outsiders
        if getattr(row, method)[role] in (ALLOWED, REFUSED)
    ]
    assert not leaks


def test_the_proposed_organisation_gets_less_than_an_accepted_partner():
    """Wherever host A's admin is allowed on A's objects, the proposed organisation's admin
    (who has not accepted) gets what an outsider gets."""
    for label, _name, row in all_rows():
        for method in ("get", "post"):
            expected = getattr(row, method)
            if expected and not row.shared:
                assert expected["proposed_org_admin"] == expected["host_admin_b"], label


# The cases ---------------------------------------------------------------------------------


def table_cases():
    for label, _name, row in all_rows():
        for method in ("get", "post"):
            expected = getattr(row, method)
            if expected is None:
                continue
            assert set(expected) == set(ROLES), label
            for role in ROLES:
                marks = []
                reason = row.xfail.get((method, role))
                if reason:
                    marks.append(pytest.mark.xfail(strict=True, reason=reason))
                yield pytest.param(label, method, role, id=f"{label}-{method}-{role}", marks=marks)


def resolve_value(value, ids):
    if isinstance(value, str) and value in ids:
        return ids[value]
    return value


def answer(
    client, world, role, method, url, data=None, refusing_with_a_message=False, headers=None
):
    user = world.people[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {}, headers=headers)
    got = outcome(response)
    if refusing_with_a_message and got == ALLOWED and response.status_code in (301, 302, 303):
        from django.contrib.messages import constants, get_messages

        if any(m.level >= constants.ERROR for m in get_messages(response.wsgi_request)):
            got = REFUSED
    if getattr(response, "streaming", False):
        # Reading it to the end closes the file, as a WSGI server would; the client then sends
        # request_finished without closing the database connection. Calling close() here
        # would send it with, and close the connection inside the module's transaction.
        b"".join(response.streaming_content)
    return got


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "role"), list(table_cases()))
def test_the_matrix(world, client, name, method, role):
    name, row = EXTRA.get(name, (name, TABLE.get(name)))
    ids = world.ids["a"]
    url = reverse(
        name, kwargs={key: resolve_value(value, ids) for key, value in row.kwargs.items()}
    )
    data = {key: resolve_value(value, ids) for key, value in row.data.items()}
    got = answer(
        client, world, role, method, url, data, name in REFUSING_WITH_A_MESSAGE, row.headers
    )
    assert got == getattr(row, method)[role], f"{method.upper()} {url} as {role}"


ALLAUTH_ROLES = ["anonymous", "volunteer_a", "coordinator_a", "administrator"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALLAUTH_ROLES)
@pytest.mark.parametrize("name", sorted(ALLAUTH))
def test_allauth(world, client, name, role):
    url = reverse(name, kwargs=ALLAUTH_KWARGS.get(name, {}))
    anonymous, signed_in = ALLAUTH[name]
    expected = anonymous if role == "anonymous" else signed_in
    assert answer(client, world, role, "get", url) == expected


ADMIN_ROLES = {
    "anonymous": ADMIN_LOGIN,
    "volunteer_a": ADMIN_LOGIN,
    "host_admin_a": ADMIN_LOGIN,
    "coordinator_a": ADMIN_LOGIN,
    "administrator": ALLOWED,
}


def admin_urls():
    """The index, an app's index, every changelist, and the change page of A's programme."""
    yield "admin:index", {}
    yield "admin:app_list", {"app_label": "deployments"}
    for label in sorted(ADMIN_MODELS):
        app, model = label.split(".")
        yield f"admin:{app}_{model}_changelist", {}
    yield "admin:deployments_programme_change", {"object_id": "programme"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
@pytest.mark.parametrize(("name", "kwargs"), list(admin_urls()), ids=lambda v: str(v))
def test_the_admin_is_for_superusers_only(world, client, name, kwargs, role):
    ids = world.ids["a"]
    url = reverse(name, kwargs={key: str(resolve_value(v, ids)) for key, v in kwargs.items()})
    assert answer(client, world, role, "get", url) == ADMIN_ROLES[role]


@pytest.mark.django_db
def test_a_coordinator_cannot_make_an_agreement_with_an_organisation_that_has_not_accepted(
    world, client
):
    """The proposal grants nothing: the organisation is not among the parties to choose."""
    from partners.models import Agreement

    ids = world.ids["a"]
    client.force_login(world.people["coordinator_a"])
    before = Agreement.objects.count()
    response = client.post(
        reverse("partners:agreement-create"),
        {
            "title": "MoU",
            "kind": "mou",
            "organisations": [ids["sending"], ids["proposed_org"]],
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 200
    assert "organisations" in response.context["form"].errors
    assert Agreement.objects.count() == before

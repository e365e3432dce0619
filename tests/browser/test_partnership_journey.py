"""Issue 3 in the browser: from a new host partner in Nepal to an opportunity a visitor finds."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    ProgrammeFactory,
    UserFactory,
)

from .helpers import field, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_coordinator_builds_a_project_with_the_host_partner_and_a_visitor_finds_it(
    new_page, live_server, programme, coordinator
):
    partner = UserFactory(email="sita@example.org", name="Sita Sharma")
    base = live_server.url
    today = timezone.localdate()
    coordinator_page = new_page()
    sign_in(coordinator_page, base, coordinator.email)
    page = coordinator_page

    # Register the host partner in Nepal, new to the portal, as a partner of the programme;
    # the coordinator lands on its members page to invite its first administrator.
    page.goto(f"{base}/programmes/{programme.pk}/organisations/new/")
    field(page, "Name").fill("Lalitpur Learning Circle")
    field(page, "Kind").select_option("national_ngo")
    field(page, "Country").select_option("NP")
    field(page, "City").fill("Lalitpur")
    page.get_by_role("button", name=re.compile("Register")).click()
    expect(page.get_by_role("heading", name="Members of Lalitpur Learning Circle")).to_be_visible()

    # Invite the partner's first administrator, who accepts.
    field(page, "Email address").fill("sita@example.org")
    page.get_by_label("Administrator").check()
    page.get_by_label("Reviewer").check()
    page.get_by_role("button", name=re.compile("Invite|Send")).click()
    link = re.search(r"https?://[^/\s]+(/partners/invitations/\S+)", mail.outbox[-1].body)
    partner_page = new_page()
    sign_in(partner_page, base, partner.email)
    partner_page.goto(base + link.group(1))
    partner_page.get_by_role("button", name=re.compile("Accept")).click()
    expect(partner_page.get_by_text(re.compile("welcome|member", re.I)).first).to_be_visible()

    # Record an agreement between the sending organisation and the host partner.
    page.goto(f"{base}/partners/agreements/new/")
    field(page, "Title").fill("MoU on teaching volunteers")
    field(page, "Kind").select_option("mou")
    page.get_by_label("Lalitpur Learning Circle").check()
    page.get_by_label(programme.sending_organisation.name).check()
    field(page, "Starts on").fill(today.isoformat())
    field(page, "Ends on").fill((today + datetime.timedelta(days=700)).isoformat())
    page.get_by_role("button", name=re.compile("Save|Record|Create")).click()
    expect(page.get_by_role("heading", name="MoU on teaching volunteers")).to_be_visible()

    # The host partner's administrator confirms it for their organisation.
    partner_page.goto(page.url)
    partner_page.get_by_role("button", name="Confirm for Lalitpur Learning Circle").click()
    expect(partner_page.get_by_text("You confirmed the agreement")).to_be_visible()

    # Create the project.
    page.goto(f"{base}/projects/new/?programme={programme.pk}")
    field(page, "Title").fill("Reading clubs in Lalitpur")
    field(page, "Host country").select_option("NP")
    field(page, "City or place").fill("Lalitpur")
    field(page, "Host partner").select_option(label="Lalitpur Learning Circle")
    page.get_by_label("4. Quality education").check()
    field(page, "Summary").fill("Volunteers run reading clubs with the learning circle.")
    field(page, "Starts on").fill((today + datetime.timedelta(days=60)).isoformat())
    field(page, "Ends on").fill((today + datetime.timedelta(days=400)).isoformat())
    page.get_by_role("button", name=re.compile("Save|Create")).click()
    expect(page.get_by_role("heading", name="Reading clubs in Lalitpur")).to_be_visible()
    project_url = page.url

    # The host partner writes and signs off the needs assessment.
    partner_page.goto(project_url + "needs-assessment/")
    field(partner_page, "Who in the community was consulted").fill("Parents and two schools")
    field(partner_page, "Needs found").fill("Children read below their grade")
    field(partner_page, "Priority").select_option("high")
    field(partner_page, "Expected beneficiaries").fill("120")
    field(partner_page, "Assessed by").fill("Sita Sharma")
    field(partner_page, "Assessed on").fill(today.isoformat())
    partner_page.get_by_role("button", name=re.compile("Save")).click()
    partner_page.goto(project_url)
    partner_page.get_by_role("button", name=re.compile("Sign off")).click()
    expect(partner_page.get_by_text(re.compile("Signed off by Sita Sharma"))).to_be_visible()

    # The coordinator approves the project and publishes an opportunity.
    page.goto(project_url)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("The project is: Approved.")).to_be_visible()
    page.get_by_role("link", name="New opportunity").click()
    field(page, "Title").fill("Reading club facilitator")
    field(page, "Description").fill("Run reading clubs after school.")
    field(page, "Seats").fill("2")
    field(page, "Duration in months").fill("6")
    field(page, "Starts on").fill((today + datetime.timedelta(days=90)).isoformat())
    field(page, "Application deadline").fill(
        (today + datetime.timedelta(days=30)).isoformat() + "T12:00"
    )
    page.get_by_role("button", name=re.compile("Save|Create")).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The opportunity is: Open.")).to_be_visible()

    # A visitor finds it by filtering for Nepal and SDG 4.
    visitor = new_page()
    visitor.goto(f"{base}/opportunities/")
    field(visitor, "Country").select_option("NP")
    field(visitor, "SDG").select_option("4")
    visitor.get_by_role("button", name="Apply filters").click()
    expect(visitor).to_have_url(re.compile(r"country=NP.*sdg=4|sdg=4.*country=NP"))
    expect(visitor.get_by_role("link", name="Reading club facilitator")).to_be_visible()


def test_another_programmes_partner_can_only_be_proposed_to(
    new_page, live_server, programme, coordinator
):
    """Issue 10's take-over, tried in the browser: every door is shut but the proposal."""
    other = ProgrammeFactory(name="Programme B")
    host = OrganisationFactory(name="Mandalay Health Association", acronym="", country="MM")
    PartnershipFactory(programme=other, organisation=host)
    base = live_server.url
    page = new_page()
    sign_in(page, base, coordinator.email)

    page.goto(f"{base}/programmes/{programme.pk}/edit/")
    expect(page.locator("[name=partners]")).to_have_count(0)
    page.goto(f"{base}/projects/new/?programme={programme.pk}")
    expect(field(page, "Host partner").locator("option", has_text=host.name)).to_have_count(0)
    for path in ("edit/", "members/"):
        assert page.goto(f"{base}/partners/{host.pk}/{path}").status == 403

    page.goto(f"{base}/programmes/{programme.pk}/partnerships/new/")
    field(page, "Organisation").select_option(label=host.name)
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_text("A partnership was proposed to")).to_be_visible()
    expect(page.get_by_text("Pending acceptance")).to_be_visible()
    page.goto(f"{base}/projects/new/?programme={programme.pk}")
    expect(field(page, "Host partner").locator("option", has_text=host.name)).to_have_count(0)

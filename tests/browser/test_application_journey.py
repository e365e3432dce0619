"""Issue 4 in the browser: profile, CV, fit, applying, screening, blind review, offer, placement."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deployments.enums import ProjectStatus
from deployments.models import Placement, SustainableDevelopmentGoal
from tests.factories import (
    OpportunityFactory,
    OpportunityLanguageFactory,
    OrganisationFactory,
    ProjectFactory,
    SkillFactory,
    UserFactory,
)
from tests.factories.volunteers import MINIMAL_PDF

from .helpers import field, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def nepal_opportunity(programme, host_partner):
    teaching = SkillFactory(name="Teaching")
    project = ProjectFactory(
        programme=programme,
        host_partner=host_partner,
        host_country="NP",
        status=ProjectStatus.RECRUITING,
        sdgs=[SustainableDevelopmentGoal.objects.get(number=4)],
    )
    opportunity = OpportunityFactory(
        project=project, title="English teacher in Kathmandu", skills=[teaching], questions=""
    )
    OpportunityLanguageFactory(opportunity=opportunity, language="en", minimum_level="B2")
    OpportunityFactory(
        project=ProjectFactory(
            programme=programme,
            host_partner=OrganisationFactory(country="MM"),
            host_country="MM",
            status=ProjectStatus.RECRUITING,
        ),
        title="Nurse in Mandalay",
        skills=[SkillFactory(name="Nursing")],
        application_deadline=timezone.now() + datetime.timedelta(days=3),
    )
    return opportunity


def test_from_profile_to_placement(
    new_page, live_server, programme, coordinator, partner_member, nepal_opportunity
):
    programme.blind_review = True
    programme.save()
    base = live_server.url
    today = timezone.localdate()
    volunteer = UserFactory(email="pema@example.org", name="Pema Lama")

    # The volunteer completes the profile.
    page = new_page()
    sign_in(page, base, volunteer.email)
    page.goto(f"{base}/volunteer/profile/")
    field(page, "Date of birth").fill("1997-04-02")
    field(page, "Nationality").select_option("CN")
    field(page, "Phone").fill("+86 10 1234 5678")
    field(page, "City").fill("Chengdu")
    field(page, "Level of education").select_option("bachelor")
    field(page, "Experience").fill("Two years teaching English in Sichuan.")
    page.get_by_label("Teaching").check()
    page.locator("select[name='languages-0-language']").select_option("en")
    page.locator("select[name='languages-0-level']").select_option("C1")
    field(page, "Available from").fill((today + datetime.timedelta(days=30)).isoformat())
    field(page, "Available for (months)").fill("12")
    field(page, "Emergency contact's name").fill("Dawa Lama")
    field(page, "Emergency contact's phone").fill("+86 28 1234 5678")
    page.get_by_label(re.compile("I agree that the portal stores")).check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Upload your CV")).to_be_visible()

    # … uploads a CV …
    page.goto(f"{base}/volunteer/documents/upload/")
    field(page, "Kind of document").select_option("cv")
    field(page, "File").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("“cv.pdf” was uploaded.")).to_be_visible()

    # … finds the Nepal opportunity first when sorted by fit, and applies.
    page.goto(f"{base}/opportunities/")
    page.get_by_role("link", name="best fit for you").click()
    first = page.locator("article").first
    expect(first.get_by_role("link", name="English teacher in Kathmandu")).to_be_visible()
    expect(first.get_by_text("Fit for you: 100%")).to_be_visible()
    first.get_by_role("link", name="English teacher in Kathmandu").click()
    page.get_by_role("link", name="Apply").click()
    field(page, "Your motivation").fill("I want to teach and to learn from Nepali teachers.")
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_text("Your application was submitted.")).to_be_visible()
    application_url = page.url

    # The coordinator screens it and releases it to the host partner.
    desk = new_page()
    sign_in(desk, base, coordinator.email)
    desk.goto(application_url)
    desk.get_by_role("button", name="Start screening").click()
    desk.get_by_label(partner_member.organisations.get().name).check()
    desk.get_by_role("button", name="Release", exact=True).click()
    expect(desk.get_by_text("The application was released for partner review.")).to_be_visible()

    # The partner's reviewer scores it blind.
    review = new_page()
    sign_in(review, base, partner_member.email)
    review.goto(f"{base}/applications/")
    review.get_by_role("link", name="Review now").click()
    expect(review.get_by_role("heading", name=re.compile(r"Candidate #\d+"))).to_be_visible()
    expect(review.get_by_text("Pema Lama")).to_have_count(0)
    for criterion, score in (
        ("skills_fit", "4"),
        ("language", "5"),
        ("motivation", "4"),
        ("intercultural_readiness", "4"),
    ):
        review.locator(f"input[name='{criterion}'][value='{score}']").check()
    review.get_by_label("Recommend", exact=True).check()
    review.get_by_role("button", name="Save review").click()
    expect(review.get_by_text("Your review was saved. Thank you.")).to_be_visible()

    # The coordinator shortlists and offers.
    desk.goto(application_url)
    expect(desk.get_by_text("4.25")).to_be_visible()
    desk.get_by_role("button", name="Shortlist").click()
    desk.get_by_role("button", name="Make an offer").click()
    expect(desk.get_by_text("The application is now: Offered.")).to_be_visible()

    # The volunteer accepts, and a placement exists.
    page.goto(application_url)
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_text(re.compile("Your placement is planned from"))).to_be_visible()
    assert Placement.objects.get().volunteer == volunteer

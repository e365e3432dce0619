"""Issue 7's whole journey in Chromium, one browser context per person, partly in Chinese.

A newcomer signs up and verifies the email, switches the portal to 简体中文 and, in Chinese,
completes the profile, uploads a CV and applies; the coordinator screens and releases the
application to the host partner, whose reviewer reviews it; the coordinator offers and the
volunteer accepts; the coordinator clears the pre-departure checklist and moves the placement
in country; the volunteer, on a phone, logs a day's activity with a photo and checks in; the
coordinator approves the log, requests the activity report as XLSX and downloads it.

Once in Chinese, the volunteer's steps use no English text: form controls are found by their
names or by CSS, and the words on buttons and headings are taken from the catalogue with
Django's gettext under `translation.override("zh-hans")`, exactly as the pages render them.
After each main page, axe-core looks for serious or critical violations; none may remain.
"""

import datetime
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image
from playwright.sync_api import Page, expect

from deployments.enums import (
    ActivityLogStatus,
    ApplicationStatus,
    CheckInStatus,
    PlacementStatus,
    PreDepartureItemKind,
    ProjectStatus,
)
from deployments.models import Application, Placement, SustainableDevelopmentGoal
from tests.factories import (
    OpportunityFactory,
    OpportunityLanguageFactory,
    ProjectFactory,
    SkillFactory,
)
from tests.factories.volunteers import MINIMAL_PDF
from users.models import User

from .accessibility import serious_violations
from .helpers import field, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-and-unusual-passphrase"
PHONE = {"width": 375, "height": 740}
PROJECT_TITLE = "Reading clubs in Lalitpur"


def zh(message: str, **params) -> str:
    """The message as the portal shows it in Simplified Chinese."""
    with translation.override("zh-hans"):
        text = gettext(message)
    return text % params if params else text


def exactly(text: str) -> re.Pattern:
    """The whole accessible name or text, whatever the whitespace around it."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def small_jpeg() -> bytes:
    """A real, small JPEG photo, made in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


class Axe:
    """Collects axe-core's serious and critical findings, page by page."""

    def __init__(self):
        self.found: dict[str, list[str]] = {}

    def check(self, page: Page, step: str) -> None:
        expect(page.locator("main#main")).to_be_visible()
        violations = serious_violations(page)
        if violations:
            self.found[f"{step} ({page.url})"] = violations


@pytest.fixture
def opportunity(programme, host_partner):
    teaching = SkillFactory(name="Teaching")
    project = ProjectFactory(
        programme=programme,
        host_partner=host_partner,
        host_country="NP",
        city="Lalitpur",
        title=PROJECT_TITLE,
        status=ProjectStatus.RECRUITING,
        sdgs=[SustainableDevelopmentGoal.objects.get(number=4)],
    )
    opportunity = OpportunityFactory(
        project=project, title="Reading club facilitator", skills=[teaching], questions=""
    )
    OpportunityLanguageFactory(opportunity=opportunity, language="en", minimum_level="B2")
    return opportunity


def test_the_whole_journey_from_sign_up_to_the_activity_report(
    new_page, live_server, coordinator, partner_member, host_partner, opportunity, tmp_path
):
    base = live_server.url
    today = timezone.localdate()
    axe = Axe()
    teaching = opportunity.skills.get()
    sdg = SustainableDevelopmentGoal.objects.get(number=4)

    # The newcomer signs up and verifies the email ---------------------------------------------
    page = new_page()
    page.goto(f"{base}/accounts/signup/")
    axe.check(page, "sign up")
    page.get_by_label("Full name").fill("Pema Lama")
    page.get_by_label("Email").fill("pema@example.org")
    page.get_by_label("Time zone").select_option("Asia/Shanghai")
    page.get_by_label("Password*", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)*", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    page.goto(base + link.group(1))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Welcome, Pema Lama")).to_be_visible()
    axe.check(page, "volunteer's dashboard")

    # … switches the portal to 简体中文 with the switcher in the footer …
    switcher = page.locator("footer form")
    switcher.locator("select[name='language']").select_option(label="简体中文")
    switcher.locator("button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    assert User.objects.get(email="pema@example.org").preferred_language == "zh-hans"
    welcome = zh("Welcome, %(name)s", name="Pema Lama")
    assert welcome != "Welcome, Pema Lama", "the Chinese catalogue lacks the dashboard's heading"
    expect(page.get_by_role("heading", level=1)).to_have_text(welcome)
    expect(page.locator("header nav")).to_contain_text(zh("Dashboard"))
    axe.check(page, "dashboard in Chinese")

    # … completes the profile in Chinese …
    page.goto(f"{base}/volunteer/profile/")
    assert zh("Your volunteer profile") != "Your volunteer profile"
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Your volunteer profile"))
    axe.check(page, "profile form in Chinese")
    profile = page.locator("main form[method='post']").first
    profile.locator("[name='date_of_birth']").fill("1997-04-02")
    profile.locator("[name='nationality']").select_option("CN")
    profile.locator("[name='phone']").fill("+86 10 1234 5678")
    profile.locator("[name='city']").fill("Chengdu")
    profile.locator("[name='education_level']").select_option("bachelor")
    profile.locator("[name='experience']").fill("Two years teaching English in Sichuan.")
    profile.locator(f"input[name='skills'][value='{teaching.pk}']").check()
    profile.locator("[name='languages-0-language']").select_option("en")
    profile.locator("[name='languages-0-level']").select_option("C1")
    profile.locator("[name='availability_from']").fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    profile.locator("[name='availability_months']").fill("12")
    profile.locator("[name='emergency_contact_name']").fill("Dawa Lama")
    profile.locator("[name='emergency_contact_phone']").fill("+86 28 1234 5678")
    profile.locator("input[name='consent']").check()
    save_profile = profile.get_by_role("button", name=exactly(zh("Save profile")))
    expect(save_profile).to_be_visible()
    save_profile.click()
    expect(page.locator(".messages")).to_contain_text(zh("Your profile was saved."))

    # … uploads a CV …
    page.goto(f"{base}/volunteer/documents/upload/")
    expect(page.get_by_role("heading", level=1)).to_have_text(zh("Upload a document"))
    axe.check(page, "document upload in Chinese")
    upload = page.locator("main form[enctype='multipart/form-data']")
    upload.locator("[name='kind']").select_option("cv")
    upload.locator("input[type='file'][name='file']").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    upload.get_by_role("button", name=exactly(zh("Upload"))).click()
    expect(page.locator(".messages")).to_contain_text(zh("“%(name)s” was uploaded.", name="cv.pdf"))
    axe.check(page, "documents in Chinese")

    # … and applies.
    page.goto(f"{base}/opportunities/{opportunity.pk}/")
    axe.check(page, "opportunity in Chinese")
    page.locator(f"main a[href='/opportunities/{opportunity.pk}/apply/']").click()
    page.locator("textarea[name='motivation']").fill(
        "I want to run reading clubs and to learn from Nepali teachers."
    )
    axe.check(page, "application form in Chinese")
    page.get_by_role("button", name=exactly(zh("Submit application"))).click()
    expect(page.locator(".messages")).to_contain_text(zh("Your application was submitted."))
    axe.check(page, "application in Chinese")
    application = Application.objects.get(volunteer__email="pema@example.org")
    application_url = f"{base}/applications/{application.pk}/"
    expect(page).to_have_url(application_url)

    # The coordinator screens it and releases it to the host partner -------------------------------
    desk = new_page()
    sign_in(desk, base, coordinator.email)
    axe.check(desk, "coordinator's dashboard")
    desk.goto(application_url)
    desk.get_by_role("button", name="Start screening").click()
    axe.check(desk, "application in screening")
    desk.get_by_label(host_partner.name).check()
    desk.get_by_role("button", name="Release", exact=True).click()
    expect(desk.get_by_text("The application was released for partner review.")).to_be_visible()

    # The partner's reviewer reviews it ------------------------------------------------------------
    review = new_page()
    sign_in(review, base, partner_member.email)
    review.goto(f"{base}/applications/")
    axe.check(review, "reviewer's applications")
    review.get_by_role("link", name="Review now").click()
    for criterion, score in (
        ("skills_fit", "4"),
        ("language", "5"),
        ("motivation", "4"),
        ("intercultural_readiness", "4"),
    ):
        review.locator(f"input[name='{criterion}'][value='{score}']").check()
    review.get_by_label("Recommend", exact=True).check()
    axe.check(review, "review form")
    review.get_by_role("button", name="Save review").click()
    expect(review.get_by_text("Your review was saved. Thank you.")).to_be_visible()

    # The coordinator shortlists and offers ----------------------------------------------------
    desk.goto(application_url)
    expect(desk.get_by_text("4.25")).to_be_visible()
    desk.get_by_role("button", name="Shortlist").click()
    desk.get_by_role("button", name="Make an offer").click()
    expect(desk.get_by_text("The application is now: Offered.")).to_be_visible()
    axe.check(desk, "application offered")

    # The volunteer accepts, in Chinese ------------------------------------------------------------
    page.goto(application_url)
    expect(page.get_by_role("heading", level=2, name=zh("Your decision"))).to_be_visible()
    accept = page.get_by_role("button", name=exactly(zh("Accept the offer")))
    assert zh("Accept the offer") != "Accept the offer"
    accept.click()
    expect(accept).to_have_count(0)
    expect(page.locator("main .alert-success").last).to_be_visible()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    placement = Placement.objects.get(volunteer=application.volunteer)
    placement_url = f"{base}/placements/{placement.pk}/"
    axe.check(page, "accepted application in Chinese")

    # The coordinator clears the pre-departure checklist and moves the placement in country --------
    desk.goto(placement_url)
    axe.check(desk, "placement before departure")
    expect(desk.locator("#checklist .alert-warning")).to_be_visible()
    for kind in PreDepartureItemKind:
        desk.locator("#checklist details > summary").click()
        item = desk.locator(f"form[action$='/checklist/{kind.value}/']")
        if kind == PreDepartureItemKind.TRAVEL:
            item.locator(f"[name='{kind.value}-status']").select_option("waived")
            item.locator(f"[name='{kind.value}-note']").fill("The host partner books the travel.")
        else:
            item.locator(f"[name='{kind.value}-status']").select_option("done")
        item.get_by_role("button", name="Save").click()
        expect(desk.locator(".messages")).to_contain_text(str(kind.label))
    expect(desk.locator("#checklist .alert-warning")).to_have_count(0)
    desk.get_by_role("button", name=str(PlacementStatus.IN_COUNTRY.label)).click()
    expect(desk.get_by_text("The placement is now: In country.")).to_be_visible()
    axe.check(desk, "placement in country")

    # The volunteer, on a phone and in Chinese, logs a day's activity with a photo … --------------
    page.set_viewport_size(PHONE)
    page.goto(placement_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        zh("Placement of %(name)s", name="Pema Lama")
    )
    axe.check(page, "placement on a phone in Chinese")
    page.locator(f"a[href='/placements/{placement.pk}/logs/new/']").click()
    log_form = page.locator("form.activity-log-form")
    expect(log_form).to_be_visible()
    axe.check(page, "activity log form on a phone in Chinese")
    log_form.locator("[name='hours']").fill("3.5")
    log_form.locator("[name='activity_type']").select_option("teaching")
    log_form.locator("[name='description']").fill("Reading club with grade 6 pupils.")
    log_form.locator("input[type='file'][name='photos']").set_input_files(
        {"name": "reading-club.jpg", "mimeType": "image/jpeg", "buffer": small_jpeg()}
    )
    log_form.locator("[name='women']").fill("2")
    log_form.locator("[name='girls']").fill("11")
    log_form.locator("[name='boys']").fill("9")
    log_form.locator("[name='place']").fill("Lalitpur")
    log_form.locator("[name='sdg']").select_option(str(sdg.pk))
    log_form.locator("button[type='submit']").click()
    expect(page).to_have_url(placement_url)
    expect(page.locator("main .messages .alert-success")).to_be_visible()
    thumbnail = page.locator("img[src*='/thumbnail/']")
    expect(thumbnail).to_have_count(1)
    thumbnail.scroll_into_view_if_needed()
    expect(thumbnail).to_have_js_property("complete", True)
    assert thumbnail.evaluate("image => image.naturalWidth") > 0

    # … and checks in.
    check_in = page.locator(f"form[action='/placements/{placement.pk}/check-in/']")
    check_in.locator("input[name='note']").fill("The school term has started.")
    check_in.get_by_role("button", name=exactly(zh("All is well"))).click()
    expect(page.locator(".messages")).to_contain_text(zh("Thank you for checking in."))
    axe.check(page, "placement after the check-in on a phone in Chinese")
    assert placement.check_ins.get().status == CheckInStatus.OK

    # The coordinator approves the log … ----------------------------------------------------
    desk.goto(placement_url)
    log_card = desk.get_by_role("article").filter(has_text="Reading club with grade 6 pupils.")
    expect(log_card).to_be_visible()
    log_card.get_by_role("button", name="Approve", exact=True).click()
    expect(desk.get_by_text("The log is now: Approved.")).to_be_visible()
    assert placement.activity_logs.get().status == ActivityLogStatus.APPROVED

    # … requests the activity report as XLSX and downloads it.
    desk.goto(f"{base}/reports/")
    axe.check(desk, "reports")
    field(desk, "Report").select_option("activity")
    field(desk, "Format").select_option("xlsx")
    desk.get_by_role("button", name="Request the report").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Activity")
    download_link = desk.locator("#report-status a[href$='/download/']")
    if not download_link.is_visible():
        desk.reload()
    expect(download_link).to_be_visible()
    axe.check(desk, "report ready")
    with desk.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    header = rows[0]
    data = [dict(zip(header, row, strict=False)) for row in rows[1:]]
    ours = next(row for row in data if row["Project"] == PROJECT_TITLE)
    assert float(ours["Hours"]) == 3.5
    assert int(ours["People reached"]) == 2 + 11 + 9

    assert axe.found == {}

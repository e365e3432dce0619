"""A newcomer signs up, confirms the email and reaches the dashboard, in Chromium."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.factories import UserFactory
from tests.factories.users import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_newcomer_signs_up_confirms_the_email_and_reaches_the_dashboard(page: Page, live_server):
    page.goto(live_server.url)
    page.get_by_role("link", name="Sign up").first.click()

    page.get_by_label("Full name").fill("Pema Lama")
    page.get_by_label("Email").fill("pema@example.org")
    page.get_by_label("Time zone").select_option("Asia/Kathmandu")
    page.get_by_label("Password*", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password (again)*", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    page.goto(live_server.url + link.group(1))
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Welcome, Pema Lama")).to_be_visible()
    expect(page.get_by_text("Times are shown in Asia/Kathmandu.")).to_be_visible()


def test_sign_in_shows_a_clear_error_for_a_wrong_password(page: Page, live_server):
    UserFactory(email="li@example.org")
    page.goto(f"{live_server.url}/accounts/login/")

    page.get_by_label("Email").fill("li@example.org")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()

    expect(
        page.get_by_text("The email address and/or password you specified are not correct.")
    ).to_be_visible()

    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/")


def test_navigation_works_on_a_phone(page: Page, live_server):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url)

    menu = page.get_by_role("button", name="Show navigation")
    expect(menu).to_be_visible()
    menu.click()

    expect(page.get_by_role("link", name="Opportunities", exact=True)).to_be_visible()


def test_the_navigation_works_on_a_phone_without_javascript(new_page, live_server):
    page = new_page(java_script_enabled=False, viewport={"width": 375, "height": 740})

    page.goto(live_server.url)

    expect(page.get_by_role("link", name="Opportunities", exact=True)).to_be_visible()
    page.get_by_role("link", name="Opportunities", exact=True).click()
    expect(page.get_by_role("heading", name="Open opportunities")).to_be_visible()


def test_a_refused_form_takes_the_person_to_the_first_error(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Full name").fill("Pema Lama")
    page.get_by_label("Email").fill("pema@example.org")
    page.get_by_label("Password*", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password (again)*", exact=True).fill("something-else-entirely")
    page.get_by_role("button", name="Sign Up").click()

    again = page.locator("#id_password2")
    expect(again).to_have_attribute("aria-invalid", "true")
    expect(again).to_be_focused()
    expect(page.locator("#id_password2_error")).to_contain_text(
        "You must type the same password each time."
    )

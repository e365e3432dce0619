"""Small steps the browser journeys share: signing in and finding fields by their labels."""

import re

from playwright.sync_api import Page

from tests.factories.users import TEST_PASSWORD


def field(page: Page, label: str):
    """The form control labelled `label` (crispy marks required ones with an asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def sign_in(page: Page, base_url: str, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base_url}/dashboard/")

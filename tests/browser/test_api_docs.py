"""The API's documentation page works in Chromium under the portal's Content Security
Policy, and asks no other origin for anything."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_shows_the_operations_with_no_csp_violation(new_page, live_server):
    page = new_page()
    console = []
    hosts = set()
    page.on("console", lambda message: console.append(message.text))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto(f"{live_server.url}/api/docs/")

    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=15_000)
    expect(page.get_by_text("/api/v1/activity-logs/", exact=True).first).to_be_visible()
    assert [text for text in console if "Content Security Policy" in text] == []
    assert hosts == {urlsplit(live_server.url).netloc}

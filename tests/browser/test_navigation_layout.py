"""Each role's navigation fits one row from 1280 px up, with no menu button, its menus open
(with and without JavaScript), and the knowledge base is one click away for everyone."""

import itertools

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.factories.users import TEST_PASSWORD

from .helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_PASSWORD = "demo-pass-2026"
ADMINISTRATOR = "administrator@example.org"
ROLES = {
    "anonymous": None,
    "volunteer": "volunteer@demo.example",
    "applicant": "applicant@demo.example",
    "partner admin": "partner@demo.example",
    "coordinator": "coordinator@demo.example",
    "administrator": ADMINISTRATOR,
}
WIDTHS = [1280, 1366]
PHONE = {"width": 390, "height": 844}
ROW_TOLERANCE = 6  # px between the middles of entries on one row


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo")
    settings.DEBUG = False
    UserFactory(email=ADMINISTRATOR, name="Site Administrator", is_superuser=True, is_staff=True)


def open_as(new_page, live_server, email, **options):
    page = new_page(**options)
    if email is None:
        page.goto(f"{live_server.url}/")
    else:
        password = TEST_PASSWORD if email == ADMINISTRATOR else DEMO_PASSWORD
        sign_in(page, live_server.url, email, password)
    return page


def navigation_boxes(page) -> dict:
    """The boxes of the navigation bar, of each of its top-level entries and of the page."""
    return page.evaluate(
        """() => {
            const box = (element) => {
                const rect = element.getBoundingClientRect();
                return {top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right,
                        text: element.textContent.trim().replace(/\\s+/g, " ")};
            };
            const entries = [...document.querySelectorAll(
                "#main-nav > .navbar-nav > .nav-item > .nav-link,"
                + " #main-nav > .navbar-nav > .nav-item > details > summary,"
                + " #main-nav > .navbar-nav > .nav-item > form")];
            return {bar: box(document.querySelector(".portal-navbar")),
                    // The bar's content edge: inside the container's padding.
                    contentRight: (() => {
                        const inner = document.querySelector(".portal-navbar > div");
                        return inner.getBoundingClientRect().right
                            - parseFloat(getComputedStyle(inner).paddingRight);
                    })(),
                    brand: box(document.querySelector(".portal-navbar .navbar-brand")),
                    entries: entries.map(box),
                    pageWidth: document.documentElement.scrollWidth};
        }"""
    )


@pytest.mark.parametrize(
    ("role", "width", "javascript"),
    [(role, width, True) for role in ROLES for width in WIDTHS]
    # Without JavaScript the navigation is laid out by the CSS alone (static/css/nojs.css).
    + [("coordinator", 1280, False)],
)
def test_each_roles_navigation_fits_one_row(new_page, live_server, demo, role, width, javascript):
    page = open_as(
        new_page,
        live_server,
        ROLES[role],
        viewport={"width": width, "height": 800},
        java_script_enabled=javascript,
    )

    expect(page.locator(".navbar-toggler")).to_be_hidden()
    boxes = navigation_boxes(page)
    entries = boxes["entries"]
    assert len(entries) >= 4, entries
    # One row: every entry's middle at the height of the brand's, none below another.
    brand = boxes["brand"]
    middle = (brand["top"] + brand["bottom"]) / 2
    off_the_row = [
        entry["text"]
        for entry in entries
        if abs((entry["top"] + entry["bottom"]) / 2 - middle) > ROW_TOLERANCE
    ]
    assert off_the_row == []
    assert max(entry["bottom"] for entry in entries) <= boxes["bar"]["bottom"]
    # Nothing spills out of the navigation's box, nor overlaps the entry after it.
    assert max(entry["right"] for entry in entries) <= boxes["contentRight"] + 0.5
    assert all(
        before["right"] <= after["left"] + 0.5 for before, after in itertools.pairwise(entries)
    )
    assert boxes["pageWidth"] <= width
    # The knowledge base is a link of its own for every role.
    page.locator("#main-nav").get_by_role("link", name="Knowledge base").or_(
        page.locator("#main-nav a[href='/knowledge/']")
    ).click()
    page.wait_for_url(f"{live_server.url}/knowledge/")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_menu_opens_on_a_wide_screen_and_on_a_phone(new_page, live_server, demo, javascript):
    for viewport in ({"width": 1280, "height": 800}, PHONE):
        page = open_as(
            new_page,
            live_server,
            "coordinator@demo.example",
            viewport=viewport,
            java_script_enabled=javascript,
        )
        toggler = page.locator(".navbar-toggler")
        if toggler.is_visible():
            toggler.click()
        reports = page.locator("#main-nav").get_by_role("link", name="Reports")
        expect(reports).to_be_hidden()
        page.locator("#main-nav summary", has_text="Programme").click()
        expect(reports).to_be_visible()
        reports.click()
        page.wait_for_url(f"{live_server.url}/reports/")

"""At 390 px wide (a common phone) pages do not scroll sideways, and the pre-departure
checklist in Chinese is not squeezed to one character per line."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from deployments.models import Placement, Project
from partners.models import Organisation

from .helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_PASSWORD = "demo-pass-2026"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    call_command("seed_demo")
    settings.DEBUG = False


def phone_page(new_page, live_server, email=None):
    page = new_page(viewport=PHONE)
    if email:
        sign_in(page, live_server.url, email, DEMO_PASSWORD)
    return page


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def checklist_labels(page) -> list[dict]:
    """Each checklist item's name with its box and the font size it is set in."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#checklist tbody th')].map(cell => {
            const box = cell.getBoundingClientRect();
            const style = getComputedStyle(cell);
            return {text: cell.textContent.trim(), width: box.width, height: box.height,
                    font: parseFloat(style.fontSize), line: parseFloat(style.lineHeight)};
        })"""
    )


@pytest.mark.parametrize(
    "email",
    ["volunteer@demo.example", "coordinator@demo.example"],
    ids=["volunteer", "coordinator"],
)
def test_placement_checklist_in_chinese_fits_a_phone(new_page, live_server, demo, email):
    placement = Placement.objects.get(volunteer__email="volunteer@demo.example")
    page = phone_page(new_page, live_server, email)
    page.goto(f"{live_server.url}/placements/{placement.pk}/")
    if page.locator("html").get_attribute("lang") != "zh-hans":
        switcher = page.locator("footer form")
        switcher.locator("select[name='language']").select_option("zh-hans")
        switcher.locator("button[type='submit']").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    labels = checklist_labels(page)
    assert len(labels) == placement.pre_departure_items.count()
    squeezed = [
        label["text"]
        for label in labels
        if label["width"] < 4 * label["font"] or label["height"] > 2.5 * label["line"]
    ]
    assert squeezed == []
    assert scroll_width(page) <= PHONE["width"]


@pytest.mark.parametrize(
    "email",
    [None, "coordinator@demo.example", "partner@demo.example"],
    ids=["anonymous", "coordinator", "partner"],
)
def test_project_page_does_not_scroll_sideways_on_a_phone(new_page, live_server, demo, email):
    page = phone_page(new_page, live_server, email)
    widths = {}
    for project in Project.objects.order_by("pk"):
        page.goto(f"{live_server.url}/projects/{project.pk}/")
        widths[project.pk] = scroll_width(page)

    assert {pk: width for pk, width in widths.items() if width > PHONE["width"]} == {}


def test_members_page_does_not_scroll_sideways_on_a_phone(new_page, live_server, demo):
    organisation = Organisation.objects.get(name="Kathmandu Community Learning Centre")
    page = phone_page(new_page, live_server, "partner@demo.example")
    widths = {}
    for path in [f"/partners/{organisation.pk}/members/", f"/partners/{organisation.pk}/"]:
        page.goto(live_server.url + path)
        widths[path] = scroll_width(page)

    assert {path: width for path, width in widths.items() if width > PHONE["width"]} == {}

"""The coordinator's home on the demo data, in Chromium: the action panel, the charts and the
map, drawn with nothing fetched from another origin; an emergency sent by a volunteer shows
on the next load and is acknowledged, then resolved."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from deployments.models import Placement

from .accessibility import serious_violations
from .helpers import sign_in
from .test_accessibility import DEMO_PASSWORD, demo  # noqa: F401 (the fixture, by name)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_coordinator_home_draws_panel_charts_and_map_from_this_site_only(
    new_page,
    live_server,
    demo,  # noqa: F811
):
    page = new_page(viewport={"width": 1280, "height": 900})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(page, live_server.url, "coordinator@demo.example", DEMO_PASSWORD)

    page.wait_for_selector("[data-map] svg circle")

    assert page.get_by_role("heading", name="Needs your action").is_visible()
    assert page.locator("[data-emergency]").count() == 1
    assert page.get_by_text("Visa expires").is_visible()
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".filter((canvas) => Chart.getChart(canvas)).length"
    )
    assert drawn == 5
    assert page.locator("[data-map] svg path").count() > 100
    assert page.locator("[data-map] svg circle").count() == 5  # four projects, one volunteer
    # The host countries' provinces, states and regions, each named for the hover.
    page.wait_for_selector("[data-map] svg path.map-region")
    regions = page.locator("[data-map] svg path.map-region title").all_text_contents()
    assert len(regions) == 21
    assert {"Bagmati", "Sudurpashchim", "Mandalay", "Yangon"} <= set(regions)
    origin = urlsplit(live_server.url).netloc
    assert {urlsplit(url).netloc for url in requested if not url.startswith("data:")} == {origin}
    assert serious_violations(page) == []


def test_phone_sees_the_map_within_the_screen(new_page, live_server, demo):  # noqa: F811
    page = new_page(viewport={"width": 390, "height": 844})
    sign_in(page, live_server.url, "coordinator@demo.example", DEMO_PASSWORD)

    page.wait_for_selector("[data-map] svg circle")

    box = page.locator("[data-map] svg").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_emergency_reaches_the_coordinator_and_is_answered(new_page, live_server, demo):  # noqa: F811
    placement = Placement.objects.get(volunteer__email="volunteer@demo.example")
    volunteer = new_page()
    sign_in(volunteer, live_server.url, "volunteer@demo.example", DEMO_PASSWORD)
    volunteer.goto(live_server.url + reverse("deployments:placement-detail", args=[placement.pk]))
    volunteer.locator("#check-in-note").fill("Our bus overturned near Dhulikhel; I am hurt.")
    volunteer.locator("button[name=status][value=emergency]").click()
    volunteer.wait_for_load_state()

    coordinator = new_page()
    sign_in(coordinator, live_server.url, "coordinator@demo.example", DEMO_PASSWORD)
    emergency = coordinator.locator("[data-emergency]", has_text="Our bus overturned")
    emergency.get_by_role("button", name="Acknowledge: I am dealing with it").click()
    coordinator.wait_for_load_state()

    emergency = coordinator.locator("[data-emergency]", has_text="Our bus overturned")
    assert emergency.get_by_text("Acknowledged", exact=True).first.is_visible()
    emergency.get_by_role("link", name="Mark resolved").click()
    coordinator.get_by_label("What was done").fill("Taken to Dhulikhel Hospital; insurer told.")
    coordinator.get_by_role("button", name="Mark resolved").click()
    coordinator.wait_for_url(f"{live_server.url}/dashboard/")

    assert coordinator.locator("[data-emergency]", has_text="Our bus overturned").count() == 0
    assert coordinator.get_by_text("The emergency is marked resolved.").is_visible()

"""Issue 15's done-when for the field app: on a phone, a volunteer opens the log form online
once, loses the connection, writes two logs (one with a photo) and an emergency check-in,
closes the page, comes back online, opens the portal, and exactly those three records arrive."""

import io
import json
import time

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from deployments.enums import CheckInStatus, PlacementStatus
from deployments.models import ActivityLog, CheckIn
from deployments.selectors import today_for
from tests.factories import (
    OrganisationFactory,
    PlacementFactory,
    ProgrammeFactory,
    ProjectFactory,
    UserFactory,
)

from .helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
CAMERA_SIZE = (3000, 2000)  # a phone camera's photo, before the page makes it smaller


# The worker is active and answers this page's requests.
CONTROLLED = "navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)"


def camera_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", CAMERA_SIZE, (30, 120, 200)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def wait_until(page: Page, script: str, timeout: float = 20) -> None:
    """Waits until the (possibly asynchronous) script answers true in the page."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {script}"
        page.wait_for_timeout(200)


@pytest.fixture
def placement():
    coordinator = UserFactory(name="Wang Fang", email="wang.fang@programme.example")
    sending = OrganisationFactory(contact_phone="+86 10 5555 0101")
    programme = ProgrammeFactory(sending_organisation=sending, coordinators=[coordinator])
    project = ProjectFactory(programme=programme)
    return PlacementFactory(
        status=PlacementStatus.IN_COUNTRY,
        application__opportunity__project=project,
    )


def write_log(page: Page, description: str, hours: str, photo: bytes | None = None) -> None:
    form = page.locator("form[data-field-record='activity-log']")
    form.locator("[name='hours']").fill(hours)
    form.locator("[name='activity_type']").select_option(index=1)
    form.locator("[name='description']").fill(description)
    form.locator("[name='place']").fill("Lalitpur")
    if photo:
        form.locator("[name='photos']").set_input_files(
            {"name": "class.jpg", "mimeType": "image/jpeg", "buffer": photo}
        )
    form.get_by_role("button", name="Send the log").click()


def test_records_written_offline_arrive_once_when_back_online(new_page, live_server, placement):
    base = live_server.url
    log_form_url = f"{base}/placements/{placement.pk}/logs/new/"
    placement_url = f"{base}/placements/{placement.pk}/"
    page = new_page(viewport=PHONE, service_workers="allow")
    context = page.context
    sign_in(page, base, placement.volunteer.email)

    # Online once: the worker installs, precaches the shell, and the pages are kept.
    page.goto(log_form_url)
    wait_until(page, CONTROLLED)
    wait_until(
        page,
        f"""caches.open('field-app-pages').then(cache => Promise.all(
              [{json.dumps(placement_url)}, {json.dumps(log_form_url)}].map(url => cache.match(url))
            )).then(found => found.every(Boolean))""",
    )

    context.set_offline(True)
    page.goto(log_form_url)  # from the worker's cache
    write_log(page, "Reading club, written offline.", "2")
    status = page.locator("[data-outbox-status]")
    expect(status).to_have_text("Saved on this phone. It will be sent when you are online.")
    write_log(page, "Science fair, with a photo.", "3.5", photo=camera_jpeg())
    outbox = page.locator("#field-outbox [data-outbox-record]")
    expect(outbox).to_have_count(2)
    expect(outbox.nth(1)).to_contain_text("photos: 1")

    page.goto(placement_url)  # from the worker's cache
    page.locator("input[name='note']").fill("Flooding on the road, cut off.")
    page.get_by_role("button", name="Emergency").click()
    expect(outbox).to_have_count(3)
    emergency = page.locator("#field-emergency")
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("Your emergency check-in has not been sent yet")
    expect(emergency.get_by_role("link", name="wang.fang@programme.example")).to_be_visible()
    expect(emergency.get_by_role("link", name="+86 10 5555 0101")).to_be_visible()
    assert ActivityLog.objects.count() == 0
    assert CheckIn.objects.count() == 0

    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(f"{base}/dashboard/")
    # Background Sync may have sent them before the page opened; else the page sends them.
    expect(page.locator("#field-app[data-ready]")).to_be_attached(timeout=20_000)
    assert page.evaluate(f"fieldOutbox.records('{placement.volunteer.pk}')") == []
    expect(page.locator("#field-outbox")).to_be_hidden()
    expect(page.locator("#field-emergency")).to_be_hidden()

    logs = {log.description: log for log in ActivityLog.objects.filter(placement=placement)}
    assert sorted(logs) == ["Reading club, written offline.", "Science fair, with a photo."]
    assert ActivityLog.objects.count() == 2
    assert logs["Reading club, written offline."].photos.count() == 0
    [photo] = logs["Science fair, with a photo."].photos.all()
    with Image.open(photo.image) as image:
        assert max(image.size) == 1600
    assert list(CheckIn.objects.values_list("placement", "status", "note")) == [
        (placement.pk, CheckInStatus.EMERGENCY, "Flooding on the road, cut off.")
    ]
    assert logs["Reading club, written offline."].date == today_for(placement.volunteer)


def test_a_log_whose_sending_fails_online_is_kept_and_sent_later(new_page, live_server, placement):
    """The phone believes it is online, but the form's post never reaches the portal: the
    worker keeps the log in the outbox instead of leaving the volunteer an error page."""
    base = live_server.url
    log_form_url = f"{base}/placements/{placement.pk}/logs/new/"
    page = new_page(viewport=PHONE, service_workers="allow")
    context = page.context
    sign_in(page, base, placement.volunteer.email)
    page.goto(log_form_url)
    wait_until(page, CONTROLLED)
    page.reload()  # now through the worker

    def drop_posts(route):
        if route.request.method == "POST":
            route.abort("connectionreset")
        else:
            route.continue_()

    # The form's post fails, and so does the page's first try through the API.
    api_url = f"{base}/api/v1/activity-logs/"
    context.route(log_form_url, drop_posts)
    context.route(api_url, drop_posts)
    write_log(page, "Sent into a dropped connection.", "1.5")
    expect(page.locator("[data-outbox-status]")).to_have_text(
        "Saved on this phone. It will be sent when you are online."
    )
    expect(page.locator("#field-outbox [data-outbox-record]")).to_have_count(1)
    assert page.url == log_form_url
    assert ActivityLog.objects.count() == 0

    context.unroute(log_form_url)
    context.unroute(api_url)
    page.reload()
    expect(page.locator("#field-app[data-ready]")).to_be_attached(timeout=20_000)
    expect(page.locator("#field-outbox")).to_be_hidden()
    assert list(ActivityLog.objects.values_list("description", flat=True)) == [
        "Sent into a dropped connection."
    ]


def test_a_record_the_api_refuses_stays_with_its_reason_until_discarded(
    new_page, live_server, placement
):
    """Two logs of one day written offline add up to more than 24 hours: the first arrives,
    the second is refused when sent, and stays on the phone with the reason."""
    base = live_server.url
    log_form_url = f"{base}/placements/{placement.pk}/logs/new/"
    page = new_page(viewport=PHONE, service_workers="allow")
    context = page.context
    sign_in(page, base, placement.volunteer.email)
    page.goto(log_form_url)
    wait_until(page, CONTROLLED)

    context.set_offline(True)
    write_log(page, "Morning and afternoon classes.", "16")
    write_log(page, "Evening club.", "12")
    expect(page.locator("#field-outbox [data-outbox-record]")).to_have_count(2)
    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(log_form_url)

    expect(page.locator("#field-app[data-ready]")).to_be_attached(timeout=20_000)
    refused = page.locator("#field-outbox [data-outbox-record]")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("Activity log of")
    expect(refused).to_contain_text("12 h")
    expect(refused).to_contain_text("a day has at most 24 hours in total")
    assert list(ActivityLog.objects.values_list("description", flat=True)) == [
        "Morning and afternoon classes."
    ]

    page.reload()  # a refused record is not sent again by itself
    expect(page.locator("#field-app[data-ready]")).to_be_attached(timeout=20_000)
    expect(refused).to_have_count(1)
    refused.get_by_role("button", name="Discard").click()
    expect(page.locator("#field-outbox")).to_be_hidden()
    assert ActivityLog.objects.count() == 1

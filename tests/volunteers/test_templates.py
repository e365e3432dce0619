import datetime
import zoneinfo

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import DocumentFactory
from volunteers.selectors import Completeness

pytestmark = pytest.mark.django_db


def test_completeness_include_renders_an_accessible_bar_and_the_missing_list():
    completeness = Completeness(percent=38, missing=["Upload your CV"], is_complete=False)

    html = render_to_string(
        "volunteers/includes/completeness.html",
        {"completeness": completeness, "show_links": True, "heading_level": 3},
    )

    assert 'role="progressbar"' in html
    assert 'aria-valuenow="38"' in html
    assert 'aria-valuemin="0"' in html
    assert 'aria-valuemax="100"' in html
    assert "progress-bar w-25" in html
    assert "<li>Upload your CV</li>" in html
    assert "<h3 " in html
    assert reverse("volunteers:document-list") in html
    assert "style=" not in html


def test_document_list_shows_times_in_the_persons_time_zone(client, volunteer):
    volunteer.time_zone = zoneinfo.ZoneInfo("Asia/Kathmandu")
    volunteer.save()
    DocumentFactory(owner=volunteer, uploaded_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    client.force_login(volunteer)

    html = client.get(reverse("volunteers:document-list")).content.decode()

    assert "1 Jan 2026, 05:45" in html

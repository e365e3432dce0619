"""The interface speaks Simplified Chinese completely, and Nepali and Burmese on the
volunteer's pages."""

from pathlib import Path

import polib
import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "dashboard", "opportunities"),
    [
        ("zh-hans", "工作台", "志愿岗位"),
        ("ne", "ड्यासबोर्ड", None),
        ("my", None, None),
    ],
)
def test_the_navigation_reads_in_the_persons_language(client, language, dashboard, opportunities):
    client.force_login(UserFactory(preferred_language=language))

    body = client.get(reverse("dashboard")).content.decode()

    assert f'<html lang="{language}">' in body
    assert "Dashboard</a>" not in body
    if dashboard:
        assert dashboard in body
    if opportunities:
        assert opportunities in body


def test_a_visitor_can_switch_to_chinese(client):
    client.post(reverse("users:set-language"), {"language": "zh-hans", "next": "/"})

    body = client.get(reverse("deployments:opportunity-list")).content.decode()

    assert "Open opportunities" not in body
    assert "筛选" in body or "搜索" in body


LOCALE = Path(__file__).resolve().parents[2] / "locale"
# Where the volunteer's pages, emails and notifications take their words from.
VOLUNTEER_FACING = (
    "templates/",
    "notifications/",
    "users/",
    "volunteers/",
    "deployments/navigation.py",
    "deployments/services/reminders.py",
    "deployments/templates/deployments/placement_",
    "deployments/templates/deployments/activity_log_",
    "deployments/templates/deployments/monthly_report_form.html",
    "deployments/templates/deployments/application_",
    "deployments/templates/deployments/dashboard.html",
)


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def test_the_chinese_catalogue_is_complete():
    entries = catalogue("zh_Hans")

    assert [e.msgid for e in entries.untranslated_entries()] == []
    assert [e.msgid for e in entries.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["ne", "my"])
def test_nepali_and_burmese_cover_the_volunteers_pages(language):
    missing = [
        entry.msgid
        for entry in catalogue(language)
        if not entry.translated()
        and any(path.startswith(VOLUNTEER_FACING) for path, _line in entry.occurrences)
    ]

    assert missing == []

"""The interface speaks Simplified Chinese completely, and Nepali and Burmese on the
volunteer's pages."""

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

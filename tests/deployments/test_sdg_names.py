"""The goals and the portal's own name read in the person's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from deployments.models import SustainableDevelopmentGoal
from deployments.sdgs import SHORT_TITLES, sdg_label, sdg_name
from deployments.templatetags.sdgs import sdg_badges
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "number", "name"),
    [
        ("en", 4, "Quality education"),
        ("zh-hans", 4, "优质教育"),
        ("zh-hans", 17, "促进目标实现的伙伴关系"),
        ("ne", 4, "गुणस्तरीय शिक्षा"),
        ("my", 3, "ကျန်းမာရေးနှင့် ကောင်းမွန်သော ဘဝ"),
    ],
)
def test_goals_are_named_in_the_active_language(language, number, name):
    goal = SustainableDevelopmentGoal.objects.get(number=number)

    with translation.override(language):
        assert sdg_name(goal) == name
        assert sdg_label(goal) == f"{number}. {name}"


def test_every_goal_has_a_translated_name_matching_the_stored_english_one():
    goals = SustainableDevelopmentGoal.objects.all()

    assert sorted(SHORT_TITLES) == [goal.number for goal in goals]
    with translation.override("en"):
        assert [sdg_name(goal).lower() for goal in goals] == [
            goal.short_title.lower() for goal in goals
        ]
    for language in ("zh-hans", "ne", "my"):
        with translation.override(language):
            assert not [goal.number for goal in goals if sdg_name(goal) == goal.short_title]


def test_sdg_badges_read_in_chinese():
    goals = SustainableDevelopmentGoal.objects.filter(number__in=[3, 5])

    with translation.override("zh-hans"):
        html = sdg_badges(goals)

    assert "良好健康与福祉" in html and "性别平等" in html
    assert "Gender equality" not in html


@pytest.mark.parametrize(
    ("language", "name"),
    [("zh-hans", "志愿服务平台"), ("ne", "स्वयंसेवक पोर्टल"), ("my", "စေတနာ့ဝန်ထမ်း ပေါ်တယ်")],
)
def test_the_portal_names_itself_in_the_persons_language(client, language, name):
    client.force_login(UserFactory(preferred_language=language))

    with translation.override("en"):  # the request's language does not outlive the test
        body = client.get(reverse("dashboard")).content.decode()

    assert name in body
    assert "Volunteer Portal" not in body

"""Issue 11's "done when": the Chinese, Nepali and Burmese volunteer pages show no English
interface text. What the demo data says (names, titles, logs) is the people's own words and
may be in any language; what the portal says must be in the reader's."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from deployments.models import Placement
from users.models import User

from .test_languages import catalogue

pytestmark = pytest.mark.django_db

LANGUAGES = {"zh-hans": "zh_Hans", "ne": "ne", "my": "my"}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[^}]*\}")


class VisibleText(HTMLParser):
    """The text a reader sees, and the labels a screen reader reads out."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def interface_phrases(language: str) -> set[str]:
    """English phrases of the interface, of two words or more, that this language's
    catalogue writes differently: finding one on a page means it was not translated."""
    phrases = set()
    for entry in catalogue(language):
        if entry.msgstr and entry.msgstr == entry.msgid:
            continue
        for chunk in PLACEHOLDER.split(entry.msgid):
            chunk = " ".join(chunk.split()).strip(" .,:;·")
            if len(chunk.split()) >= 2 and re.search("[a-z]", chunk):
                phrases.add(chunk)
    return phrases


@pytest.fixture
def demo_volunteer(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    return User.objects.get(email="volunteer@demo.example")


def test_the_volunteers_pages_show_no_english_interface_text(client, demo_volunteer):
    placement = Placement.objects.get(volunteer=demo_volunteer)
    pages = [
        reverse("dashboard"),
        reverse("deployments:placement-detail", args=[placement.pk]),
        reverse("deployments:activity-log-create", args=[placement.pk]),
        reverse("deployments:monthly-report-create", args=[placement.pk]),
        reverse("notifications:list"),
        reverse("volunteers:profile"),
    ]
    client.force_login(demo_volunteer)
    leaks = {}
    for language, catalogue_name in LANGUAGES.items():
        demo_volunteer.preferred_language = language
        demo_volunteer.save(update_fields=["preferred_language"])
        phrases = interface_phrases(catalogue_name)
        with translation.override(language):
            for page in pages:
                response = client.get(page)
                assert response.status_code == 200, page
                text = visible_text(response.content.decode())
                found = sorted(phrase for phrase in phrases if phrase in text)
                if found:
                    leaks[(language, page)] = found

    assert leaks == {}

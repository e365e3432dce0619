"""Writes the names of the countries into the project's catalogues, from the Unicode CLDR.

django-countries translates its names through gettext, with no Nepali or Burmese catalogue
and a few mistakes in Simplified Chinese (尼珀尔 for Nepal). The project's catalogues come
first in LOCALE_PATHS, so a msgid "Nepal" there wins. This command writes, for every
country django-countries knows, the CLDR name (through Babel, a development dependency) in
Nepali and Burmese, and in Simplified Chinese where django-countries' own name differs.

Entries it wrote carry the comment below and are rewritten on each run; an entry someone
translated by hand is left alone. `make messages` runs it after makemessages, which would
otherwise drop the names (they are not in our source). Then `make translations`.
"""

import gettext
from pathlib import Path

import django_countries
import polib
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django_countries import countries
from django_countries.data import COUNTRIES

MARK = "Country name from the Unicode CLDR, written by `manage.py country_names`."

# Our language code → the CLDR locale.
LANGUAGES = {"zh_Hans": "zh_Hans", "ne": "ne", "my": "my"}

# django-countries' Chinese wording kept on purpose (names the PRC uses, or shorter forms).
KEEP_DJANGO_COUNTRIES = {"zh_Hans": {"HK", "MO", "FK", "PS"}}

# Where the CLDR's long form reads oddly in a list of countries.
PREFERRED = {"ne": {"MM": "म्यान्मार"}}


def english_names() -> dict[str, list[str]]:
    """Each country's msgids, the name shown first: django-countries shows the common name
    ("South Korea") where it has one, and the official one ("Korea (the Republic of)")
    when COUNTRIES_COMMON_NAMES is off."""
    with translation.override(None):
        return {
            code: list(
                dict.fromkeys(str(n) for n in (countries.COMMON_NAMES.get(code, name), name))
            )
            for code, name in COUNTRIES.items()
        }


def django_countries_name(code: str, language: str) -> str:
    """The name in django-countries' own catalogue, not in ours (which overrides it)."""
    own = gettext.translation(
        "django",
        Path(django_countries.__file__).parent / "locale",
        languages=[language],
        fallback=True,
    )
    return own.gettext(english_names()[code][0])


def cldr_names(language: str) -> dict[str, str]:
    from babel import Locale

    territories = Locale.parse(LANGUAGES[language]).territories
    names = {code: territories[code] for code in COUNTRIES if code in territories}
    names.update(PREFERRED.get(language, {}))
    return names


class Command(BaseCommand):
    help = "Writes the CLDR country names into locale/{zh_Hans,ne,my}/LC_MESSAGES/django.po."

    def handle(self, *args, **options):
        english = english_names()
        locale = Path(settings.LOCALE_PATHS[0])
        for language in LANGUAGES:
            path = locale / language / "LC_MESSAGES" / "django.po"
            catalogue = polib.pofile(str(path), wrapwidth=78)
            ours = {entry.msgid: entry for entry in catalogue if MARK in entry.comment}
            by_hand = {entry.msgid for entry in catalogue if MARK not in entry.comment}
            wanted = {}
            for code, name in cldr_names(language).items():
                if code in KEEP_DJANGO_COUNTRIES.get(language, ()):
                    continue
                msgids = english[code]
                if language == "zh_Hans":
                    if django_countries_name(code, language) == name:
                        continue  # django-countries already says it
                    msgids = msgids[:1]  # only the name shown
                for msgid in msgids:
                    if msgid not in by_hand:
                        wanted[msgid] = name
            for msgid, entry in ours.items():
                if msgid not in wanted:
                    catalogue.remove(entry)
            for msgid, name in sorted(wanted.items()):
                entry = ours.get(msgid)
                if entry is None:
                    entry = polib.POEntry(msgid=msgid, comment=MARK)
                    catalogue.append(entry)
                entry.msgstr = name
            catalogue.save(str(path))
            self.stdout.write(f"{language}: {len(wanted)} country names")

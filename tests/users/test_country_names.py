"""Countries read correctly in Simplified Chinese, Nepali and Burmese: the project's
catalogue (written by `manage.py country_names` from the CLDR) comes before django-countries'."""

import shutil

import pytest
from django.core.management import call_command
from django.utils import translation
from django_countries.fields import Country

NAMES = {
    "zh-hans": {
        "NP": "尼泊尔",
        "MM": "缅甸",
        "CN": "中国",
        "IN": "印度",
        "BD": "孟加拉国",
        "BT": "不丹",
        "TH": "泰国",
        "LK": "斯里兰卡",
        "LA": "老挝",
        "VN": "越南",
    },
    "ne": {
        "NP": "नेपाल",
        "MM": "म्यान्मार",
        "CN": "चीन",
        "IN": "भारत",
        "BD": "बङ्गलादेश",
        "BT": "भुटान",
        "TH": "थाइल्याण्ड",
        "LK": "श्रीलङ्का",
        "LA": "लाओस",
        "VN": "भिएतनाम",
    },
    "my": {
        "NP": "နီပေါ",
        "MM": "မြန်မာ",
        "CN": "တရုတ်",
        "IN": "အိန္ဒိယ",
        "BD": "ဘင်္ဂလားဒေ့ရှ်",
        "BT": "ဘူတန်",
        "TH": "ထိုင်း",
        "LK": "သီရိလင်္ကာ",
        "LA": "လာအို",
        "VN": "ဗီယက်နမ်",
    },
}


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [(language, code, name) for language, names in NAMES.items() for code, name in names.items()],
)
def test_country_names_read_correctly_in_each_language(language, code, name):
    with translation.override(language):
        assert Country(code=code).name == name


def test_nepal_is_no_longer_misspelt_in_chinese():
    with translation.override("zh-hans"):
        assert "尼珀尔" not in str(Country(code="NP").name)


def test_the_catalogues_hold_the_country_names_the_command_writes(settings, tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(settings.LOCALE_PATHS[0], locale, ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [locale]

    call_command("country_names", stdout=None)

    for language in ("zh_Hans", "ne", "my"):
        path = f"{language}/LC_MESSAGES/django.po"
        assert (locale / path).read_text() == (settings.BASE_DIR / "locale" / path).read_text(), (
            f"run `manage.py country_names` ({language})"
        )

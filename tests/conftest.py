import os
from pathlib import Path

import polib
import pytest
from django.core.cache import cache

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_configure(config):
    """Compiles stale translation catalogues, as `make setup` does, so that pages render in
    Chinese, Nepali and Burmese however the suite is started."""
    for catalogue in LOCALE.glob("*/LC_MESSAGES/*.po"):
        compiled = catalogue.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < catalogue.stat().st_mtime:
            polib.pofile(str(catalogue)).save_as_mofile(str(compiled))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and other cached state never leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def volunteer(db):
    return UserFactory(name="Li Wei")


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Chinese Foreign Aid Volunteer Programme")


@pytest.fixture
def coordinator(programme):
    user = UserFactory(name="Zhang Min")
    programme.coordinators.add(user)
    return user


@pytest.fixture
def host_partner(db):
    return OrganisationFactory(name="Nepal Community Learning Centre", country="NP")


@pytest.fixture
def partner_member(host_partner):
    user = UserFactory(name="Sita Sharma")
    MembershipFactory(user=user, organisation=host_partner, is_reviewer=True, is_supervisor=True)
    return user


@pytest.fixture
def administrator(db):
    return UserFactory(name="Site Administrator", is_superuser=True, is_staff=True)


@pytest.fixture
def redis_url():
    """The Redis of CI and production-shaped setups; tests needing it skip without it."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: no Redis to test against")
    return url

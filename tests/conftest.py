import os
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.core.cache import cache
from django.utils import timezone

from tests import optional
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)

LOCALE = Path(__file__).resolve().parent.parent / "locale"
S3_BUCKET, S3_PREFIX = "portal-files", "private"  # of the `s3_private_storage` fixture


def pytest_configure(config):
    """Compiles stale translation catalogues, as `make setup` does, so that pages render in
    Chinese, Nepali and Burmese however the suite is started."""
    for catalogue in LOCALE.glob("*/LC_MESSAGES/*.po"):
        compiled = catalogue.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < catalogue.stat().st_mtime:
            polib.pofile(str(catalogue)).save_as_mofile(str(compiled))


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr or "")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI a skipped optional part (tests/optional.py) fails the run: CI is there to
    run them. STRICT_SKIPS=0 turns this off for a run not meant to have every part."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and optional.strict():
        reason = _skip_reason(report)
        if optional.part_of(reason):
            report.outcome = "failed"
            report.longrepr = (
                f"{reason.removeprefix('Skipped: ')}\nCI must run this test "
                f"({optional.STRICT_ENV}=0 allows the skip)."
            )


def pytest_terminal_summary(terminalreporter):
    """One line at the end: which optional parts were skipped, and how to run them."""
    parts = Counter(
        optional.part_of(_skip_reason(report))
        for report in terminalreporter.stats.get("skipped", [])
    )
    parts.pop(None, None)
    if parts:
        terminalreporter.write_line(
            "; ".join(
                f"{optional.PARTS[name].counted(count)} skipped: {optional.PARTS[name].enable}"
                for name, count in sorted(parts.items(), key=lambda item: -item[1])
            ),
            yellow=True,
        )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and other cached state never leak from one test into another. The test
    cache is local memory (settings.test), so this never touches a Redis."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_time_zone():
    """A request by a signed-in person leaves their time zone active in the thread (the next
    request sets its own); a test after it would otherwise take "today" in that zone: past
    18:15 UTC, tomorrow in Kathmandu."""
    timezone.deactivate()
    yield
    timezone.deactivate()


@pytest.fixture
def s3_private_storage(monkeypatch):
    """Every private file field stores in a private bucket of moto's in-memory S3, as
    settings make them with AWS_STORAGE_BUCKET_NAME; yields the S3 client."""
    import boto3
    from django.apps import apps
    from django.db.models import FileField
    from moto import mock_aws

    from volunteer_portal.storage import PrivateFileSystemStorage
    from volunteer_portal.storage_s3 import PrivateS3Storage

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-central-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name="eu-central-1")
        client.create_bucket(
            Bucket=S3_BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        storage = PrivateS3Storage(bucket_name=S3_BUCKET, location=S3_PREFIX)
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, FileField) and isinstance(
                    field.storage, PrivateFileSystemStorage
                ):
                    monkeypatch.setattr(field, "storage", storage)
        yield client


@pytest.fixture(autouse=os.environ.get("TEST_PRIVATE_STORAGE") == "s3")
def _private_files_in_s3(request):
    """TEST_PRIVATE_STORAGE=s3 runs any tests with every private file in (moto's) S3."""
    request.getfixturevalue("s3_private_storage")


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
    """The Redis of CI and production-shaped setups; tests needing it skip without it. Give
    the tests a database of their own (e.g. /15): they write keys of their own and never
    flush it."""
    url = os.environ.get("REDIS_URL")
    if not url:
        optional.skip("redis", "REDIS_URL is not set: no Redis to test against")
    return url

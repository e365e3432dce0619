"""Playwright in Debian's Chromium (never a downloaded browser) against the live server."""

import importlib
import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests import optional

# CHROMIUM names another binary; CI points it at nothing to run the suite as a newcomer would.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# Django's live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=optional.reason("browser", f"Chromium is not installed at {CHROMIUM}")
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _sustainable_development_goals(transactional_db):
    """The 17 goals a data migration loads: a transactional test before this one may have
    flushed them, and the journeys choose them on their pages."""
    from django.apps import apps

    migration = importlib.import_module(
        "deployments.migrations.0002_load_sustainable_development_goals"
    )
    migration.load_goals(apps, None)


@pytest.fixture
def new_page(browser: Browser, live_server, transactional_db):
    """A page in a browser context of its own, one per person. All are closed at the end,
    while the test database is still there, so that the live server lets go of their
    kept-alive connections and database sessions (PostgreSQL keeps the test database
    otherwise)."""
    contexts = []

    def make(**options) -> Page:
        contexts.append(browser.new_context(**options))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()

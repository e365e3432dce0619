"""The quick start's SQLite bears concurrent writers with the settings' OPTIONS."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connections, transaction

THREADS, WRITES = 12, 5


def write_concurrently(alias: str) -> tuple[list[str], list[int]]:
    """Each thread reads the highest number and writes the next, in one transaction."""
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def worker():
        start.wait()
        try:
            for _ in range(WRITES):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT coalesce(max(n), 0) FROM counter")
                    (highest,) = cursor.fetchone()
                    time.sleep(0.002)  # the window in which another writer arrives
                    cursor.execute("INSERT INTO counter (n) VALUES (%s)", [highest + 1])
        except Exception as error:  # counted, and shown by the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT n FROM counter ORDER BY n")
        numbers = [n for (n,) in cursor.fetchall()]
    connections[alias].close()
    return errors, numbers


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """A temporary SQLite file as a second database alias, with the given OPTIONS."""
    aliases = []

    def make(options: dict) -> str:
        alias = f"concurrency_{tmp_path.name}_{len(aliases)}"
        connections.settings[alias] = {
            **connections.settings["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / f"{alias}.sqlite3"),
            "OPTIONS": options,
            "CONN_MAX_AGE": 0,
            "TEST": {"NAME": None, "MIGRATE": False},
        }
        aliases.append(alias)
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n integer NOT NULL UNIQUE)")
        connections[alias].close()
        return alias

    with django_db_blocker.unblock():
        yield make
    for alias in aliases:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def test_the_settings_configure_sqlite_for_concurrent_writers():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the suite runs on another database")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert {name: options[name] for name in settings.SQLITE_OPTIONS} == settings.SQLITE_OPTIONS


def test_twelve_threads_writing_at_once_all_succeed(file_database):
    alias = file_database(settings.SQLITE_OPTIONS)

    errors, numbers = write_concurrently(alias)

    assert errors == []
    assert numbers == list(range(1, THREADS * WRITES + 1))


def test_without_the_options_writers_fail_with_database_is_locked(file_database):
    # The reason for the options: this is what the quick start did before.
    alias = file_database({})

    errors, _numbers = write_concurrently(alias)

    assert errors
    assert all("database is locked" in error for error in errors), errors

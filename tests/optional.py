"""The optional parts of the suite: tests that need a service, a browser or a system library.

Each skips with a reason starting `[<part>]` (`skip()` or `reason()`), so that the suite can
end with one line saying what was skipped and how to run it (tests/conftest.py,
`pytest_terminal_summary`), and so that CI can refuse those skips (`strict()`).
"""

import os
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Part:
    test: str  # what one of its tests is called
    enable: str

    def counted(self, count: int) -> str:
        return f"{count} {self.test}{'' if count == 1 else 's'}"


PARTS = {
    "browser": Part("browser test", "install Debian's chromium (apt-get install chromium)"),
    "worker": Part(
        "worker test",
        "set DATABASE_URL=postgres://… and REDIS_URL=redis://127.0.0.1:6379/15 "
        "(a Redis database of their own)",
    ),
    "postgresql": Part("PostgreSQL test", "set DATABASE_URL=postgres://…"),
    "redis": Part("Redis test", "set REDIS_URL=redis://127.0.0.1:6379/15"),
    "pdf": Part("PDF test", "install Debian's pango (libpango-1.0-0 libpangoft2-1.0-0)"),
}
# Under CI (CI=true) these skips are failures, unless STRICT_SKIPS=0 says this run is not
# meant to have every part (the plain SQLite `make test`, as a newcomer runs it).
STRICT_ENV = "STRICT_SKIPS"


def reason(part: str, why: str) -> str:
    assert part in PARTS, part
    return f"[{part}] {why}"


def skip(part: str, why: str):
    pytest.skip(reason(part, why))


def part_of(skip_reason: str) -> str | None:
    """The optional part a skip reason names, if any."""
    text = skip_reason.removeprefix("Skipped: ")
    if text.startswith("[") and "]" in text:
        name = text[1 : text.index("]")]
        return name if name in PARTS else None
    return None


def strict() -> bool:
    default = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    value = os.environ.get(STRICT_ENV)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes"}


def weasyprint_or_skip():
    """WeasyPrint, or a skip where Pango (a system library) cannot be loaded."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango or its libraries are missing
        skip("pdf", f"WeasyPrint cannot load here: {error}")
    return weasyprint

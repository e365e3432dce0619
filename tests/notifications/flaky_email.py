"""A test-only email backend that fails the first N sends, then delivers to a folder.

It keeps its state in files, so that a Celery worker in another process and the test that
started it agree: `FLAKY_EMAIL_DIR` is the folder (required), `FLAKY_EMAIL_FAILURES` how many
sends fail (default 0). Each failure is an `SMTPServerDisconnected`, the kind of transient
error the email tasks retry.
"""

import os
import smtplib
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def folder() -> Path:
    return Path(os.environ["FLAKY_EMAIL_DIR"])


def failures_so_far() -> int:
    path = folder() / "failures"
    return int(path.read_text()) if path.exists() else 0


def delivered() -> list[str]:
    """The messages delivered so far, as text."""
    return [path.read_text() for path in sorted((folder() / "outbox").glob("*.eml"))]


class FlakyEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        failures = failures_so_far()
        if failures < int(os.environ.get("FLAKY_EMAIL_FAILURES", "0")):
            (folder() / "failures").write_text(str(failures + 1))
            raise smtplib.SMTPServerDisconnected("The test mail server hung up")
        outbox = folder() / "outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            (outbox / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)

"""A private storage that is unreachable for its first saves, as a network storage can be.

Used only by worker tests (tests/reports/worker_settings.py); it counts its failures in a
file, so that they add up across retries and processes.
"""

import os
from pathlib import Path

from volunteer_portal.storage import PrivateFileSystemStorage


class FlakyStorage(PrivateFileSystemStorage):
    def _save(self, name, content):
        marker = Path(os.environ["REPORTS_TEST_FLAKY_MARKER"])
        failures = int(marker.read_text()) if marker.exists() else 0
        if failures < int(os.environ.get("REPORTS_TEST_FLAKY_TIMES", "1")):
            marker.write_text(str(failures + 1))
            raise ConnectionError("the storage is unreachable (a test's flaky storage)")
        return super()._save(name, content)

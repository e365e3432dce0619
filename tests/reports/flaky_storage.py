"""A private storage that is unreachable for its first saves, as a network storage can be.

Used only by worker tests (TEST_WORKER_STORAGE, tests/worker_settings.py): it counts its
failures in the file FLAKY_STORAGE_MARKER, so that they add up across retries and processes;
FLAKY_STORAGE_FAILURES is how many saves fail (default 1).
"""

import os
from pathlib import Path

from volunteer_portal.storage import PrivateFileSystemStorage


class FlakyStorage(PrivateFileSystemStorage):
    def _save(self, name, content):
        marker = Path(os.environ["FLAKY_STORAGE_MARKER"])
        failures = int(marker.read_text()) if marker.exists() else 0
        if failures < int(os.environ.get("FLAKY_STORAGE_FAILURES", "1")):
            marker.write_text(str(failures + 1))
            raise ConnectionError("the storage is unreachable (a test's flaky storage)")
        return super()._save(name, content)

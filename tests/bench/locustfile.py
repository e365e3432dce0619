"""One page under load: run by `tests/bench/run.py` in .venv-bench, never beside Django
(locust patches the standard library with gevent).

BENCH_PATH is the page, BENCH_COOKIE the signed-in session's cookie (empty: anonymous).
"""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "en"}
if os.environ.get("BENCH_COOKIE"):
    HEADERS["Cookie"] = os.environ["BENCH_COOKIE"]


class Reader(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self):
        with self.client.get(
            PATH, headers=HEADERS, name=PATH, catch_response=True, allow_redirects=False
        ) as response:
            # A redirect (to sign in, to two-factor) would measure the wrong page.
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

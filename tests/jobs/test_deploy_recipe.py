"""The Compose recipe holds together (no image is pulled: CI must not depend on a registry)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_compose_names_postgres_broker_web_and_worker_on_one_image() -> None:
    doc = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = doc["services"]
    assert set(services) == {"postgres", "rabbitmq", "web", "worker"}
    for name in ("web", "worker"):
        build = services[name]["build"]
        assert (DEPLOY / build["context"] / build["dockerfile"]).is_file()
        env = services[name]["environment"]
        assert env["FOOTFIX_DATABASE_URL"].startswith("postgresql+psycopg://")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["worker"]["command"] == ["footfix", "worker"]
    assert services["web"]["environment"]["FOOTFIX_EMBEDDED_JOBS"] == "false"
    assert all(p.startswith("127.0.0.1:") for p in services["web"]["ports"])
    assert set(doc["volumes"]) >= {"pgdata", "uploads"}


def test_docker_compose_accepts_it_when_installed() -> None:
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
    ):
        return  # the structure test above still ran
    env = {"POSTGRES_PASSWORD": "x", "FOOTFIX_SECRET_KEY": "y", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [docker, "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "-q"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_compose_workers_take_jobs_from_the_broker_the_image_can_reach() -> None:
    doc = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    for name in ("web", "worker"):
        env = doc["services"][name]["environment"]
        assert (
            env["FOOTFIX_BROKER_URL"].startswith("amqp://")
            and "@rabbitmq:" in env["FOOTFIX_BROKER_URL"]
        )
    assert doc["services"]["worker"]["depends_on"]["rabbitmq"]["condition"] == "service_healthy"
    installed = re.search(
        r"pip install [^\n]*'\.\[([a-z0-9,]+)\]'", (DEPLOY / "Dockerfile").read_text()
    )
    assert installed and {"broker", "s3"} <= set(installed.group(1).split(","))

"""A script that runs compose through a variable holding the compose command (`$COMPOSE_CMD -f ...`, set to
`docker-compose` or `docker compose` by what is installed), with a `-f` path written from the repository's top
(the script run as `./stack/start.sh` from there): the compose file's variables take what the script exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

COMPOSE = """\
services:
  chain:
    image: ghcr.io/acme/devnet-${SPEED}:latest
  cache:
    image: redis:7.2
"""

SCRIPT = """\
#!/usr/bin/env bash
set -e
export SPEED=${SPEED:-"fast"}
if command -v docker-compose >/dev/null; then
  COMPOSE_CMD="docker-compose"
else
  COMPOSE_CMD="docker compose"
fi
start() {
  $COMPOSE_CMD -f stack/docker-compose.yml -p devnet up -d
}
start
"""


def test_compose_run_through_a_command_variable_takes_the_scripts_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack/docker-compose.yml").write_text(COMPOSE)
    (tmp_path / "stack/start.sh").write_text(SCRIPT)
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("stack/docker-compose.yml", 3, "ghcr.io/acme/devnet-fast:latest", "public") in records
    assert ("stack/docker-compose.yml", 5, "redis:7.2", "public") in records


def test_a_variable_holding_another_program_is_no_compose_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "stack").mkdir()
    (tmp_path / "stack/docker-compose.yml").write_text(COMPOSE)
    other = SCRIPT.replace('COMPOSE_CMD="docker compose"', 'COMPOSE_CMD="echo"')
    (tmp_path / "stack/start.sh").write_text(other)
    records = {(r["line"], r["reference"] or r["written"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert (3, "ghcr.io/acme/devnet-fast:latest") not in records


PLATFORM_COMPOSE = """\
services:
  backend:
    image: acme/backend:${VERSION}
  worker:
    image: acme/worker:${VERSION}
"""

PLATFORM_SCRIPT = """\
#!/usr/bin/env bash
check() {
  if docker compose version >/dev/null 2>&1; then
    docker_compose_cmd="docker compose"
  else
    docker_compose_cmd="docker-compose"
  fi
}
pull_services() {
  pushd "$script_dir/docker" 1>/dev/null
  VERSION=$opt_version $docker_compose_cmd -f "$script_dir/docker/docker-compose.yaml" pull
  popd 1>/dev/null
}
run_services() {
  pushd "$script_dir/docker" 1>/dev/null
  VERSION=$opt_version $docker_compose_cmd up -d
  popd 1>/dev/null
}
opt_version="latest"
script_dir=$(dirname "$(readlink -f "$BASH_SOURCE")")
check
pull_services
run_services
"""


def test_a_directory_and_files_named_from_the_scripts_own_place_are_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `pushd "$script_dir/docker"` with `script_dir` the script's own directory: compose runs in docker/ there
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker/docker-compose.yaml").write_text(PLATFORM_COMPOSE)
    (tmp_path / "run-platform.sh").write_text(PLATFORM_SCRIPT)
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("docker/docker-compose.yaml", 3, "acme/backend:latest", "public") in records
    assert ("docker/docker-compose.yaml", 5, "acme/worker:latest", "public") in records

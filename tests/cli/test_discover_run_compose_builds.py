"""A script or CI step that runs compose with its own environment gives the services' build arguments their values:
the Dockerfiles compose builds pull their bases at those values (a dev setup's `start.sh` sourcing
`set_env_variables.sh`, which exports `PY_TAG=${PY_TAG:-3.12.4-alpine3.20}`, then `docker-compose up -d --build`,
the service's `args: {pyTag: ${PY_TAG}}` and the Dockerfile's `ARG pyTag` / `FROM python:${pyTag}`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

DEV_TREE = {
    "api/dev/set_env_variables.sh": (
        "#!/bin/bash\nexport FLASK_RUN_PORT=${FLASK_RUN_PORT:-5000}\nexport PY_TAG=${PY_TAG:-3.12.4-alpine3.20}\n"
    ),
    "api/dev/start.sh": (
        "#!/bin/bash\n"
        "source ./set_env_variables.sh\n"
        'if [ "${build}" = true ]; then\n'
        "    docker-compose up -d --build\n"
        "else\n"
        "    docker-compose up -d\n"
        "fi\n"
    ),
    "api/dev/docker-compose.yml": (
        "services:\n"
        "  api:\n"
        "    build:\n"
        "      context: ./\n"
        "      dockerfile: Dockerfile-dev\n"
        "      args:\n"
        "        pyTag: ${PY_TAG}\n"
        "    image: acme-api:dev\n"
        "    ports:\n"
        "      - ${FLASK_RUN_PORT}:${FLASK_RUN_PORT}\n"
    ),
    "api/dev/Dockerfile-dev": "ARG pyTag\n\nFROM python:${pyTag}\nWORKDIR /project\n",
}

WORKFLOW_TREE = {
    ".github/workflows/test.yml": (
        "on: push\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: docker compose -f ci/compose.yml up --build --abort-on-container-exit\n"
        "        env:\n"
        "          NODE_MAJOR: '22'\n"
    ),
    "ci/compose.yml": (
        "services:\n"
        "  tests:\n"
        "    build:\n"
        "      context: ..\n"
        "      dockerfile: ci/Dockerfile\n"
        "      args:\n"
        "        - NODE_MAJOR=${NODE_MAJOR:-20}\n"
    ),
    "ci/Dockerfile": "ARG NODE_MAJOR=18\nFROM node:${NODE_MAJOR}-bookworm-slim\nRUN npm ci\n",
}


def _by_reference(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        out.setdefault(record["reference"] or record["written"], []).append(record)
    return out


def test_a_script_running_compose_gives_its_exports_to_the_build_arguments_of_the_dockerfile_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, DEV_TREE)
    records = _by_reference(discover_records(tmp_path, monkeypatch, capsys))
    (python,) = records["python:3.12.4-alpine3.20"]
    assert (python["file"], python["line"], python["status"]) == ("api/dev/Dockerfile-dev", 3, "public")
    assert "with the env of api/dev/start.sh" in python["use"]
    assert "acme-api:dev" not in records  # the image the service builds, not pulled


def test_a_ci_step_env_gives_the_build_arguments_of_the_compose_file_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, WORKFLOW_TREE)
    records = _by_reference(discover_records(tmp_path, monkeypatch, capsys))
    (step,) = records["node:22-bookworm-slim"]
    assert (step["file"], step["line"], step["status"]) == ("ci/Dockerfile", 2, "public")
    assert "with the env of .github/workflows/test.yml" in step["use"]
    assert [(r["file"], r["line"]) for r in records["node:20-bookworm-slim"]] == [("ci/Dockerfile", 2)]  # read alone

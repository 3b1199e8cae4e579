"""A workflow step that runs `tilt up` or `tilt ci`: Tilt loads the compose files its Tiltfile's `docker_compose()`
calls name and runs compose with the step's environment, so the job's values reach their `${VAR:-default}` images
as they would through `docker compose up`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = (
    "name: e2e\n"
    "on: [push]\n"
    "jobs:\n"
    "  e2e:\n"
    "    runs-on: ubuntu-latest\n"
    "    strategy:\n"
    "      matrix:\n"
    "        search: ['2.19.1', '3.1.0']\n"
    "    env:\n"
    "      SEARCH_IMAGE: opensearchproject/opensearch:${{ matrix.search }}\n"
    "      CACHE_IMAGE: valkey/valkey:8.1\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: curl -fsSL https://raw.githubusercontent.com/tilt-dev/tilt/master/scripts/install.sh | bash\n"
    "      - run: |\n"
    "          nohup tilt up --port 10360 --file dev/Tiltfile > tilt.log 2>&1 &\n"
    "          tilt wait --for=condition=Ready uiresource/search --timeout=300s\n"
)
TILTFILE = (
    "# docker_compose('../old-compose.yml')\n"
    "docker_compose(['./deps.yml', '../docker-compose.yml'], project_name='e2e', env_file='.env')\n"
    "dc_resource('search', labels=['deps'])\n"
    "docker_build('example/api', '..')\n"
)
DEPS = "services:\n  search:\n    image: ${SEARCH_IMAGE:-opensearchproject/opensearch:2.18.0}\n"
TOP = "services:\n  cache:\n    image: ${CACHE_IMAGE:-redis:7.4}\n  api:\n    image: example/api\n    build: .\n"
OLD = "services:\n  cache:\n    image: ${CACHE_IMAGE:-redis:6.2}\n"


def _at(records: list[dict[str, Any]], file: str, line: int) -> set[str]:
    return {r["reference"] for r in records if r["file"] == file and r["line"] == line}


def test_a_tilt_up_step_gives_its_env_to_the_compose_files_of_the_tiltfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".github/workflows/e2e.yml": WORKFLOW,
            "dev/Tiltfile": TILTFILE,
            "dev/deps.yml": DEPS,
            "docker-compose.yml": TOP,
            "old-compose.yml": OLD,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _at(records, "dev/deps.yml", 3) == {
        "opensearchproject/opensearch:2.18.0",
        "opensearchproject/opensearch:2.19.1",
        "opensearchproject/opensearch:3.1.0",
    }
    assert _at(records, "docker-compose.yml", 3) == {"redis:7.4", "valkey/valkey:8.1"}
    assert _at(records, "old-compose.yml", 3) == {"redis:6.2"}  # named in a comment only


def test_tilt_without_up_or_ci_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow = WORKFLOW.replace("nohup tilt up --port 10360 --file dev/Tiltfile", "tilt version")
    write_tree(
        tmp_path,
        {
            ".github/workflows/e2e.yml": workflow,
            "dev/Tiltfile": TILTFILE,
            "dev/deps.yml": DEPS,
            "docker-compose.yml": TOP,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _at(records, "docker-compose.yml", 3) == {"redis:7.4"}

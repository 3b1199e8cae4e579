"""A compose file of no compose name (`ci/services.yml`, read because it is YAML shaped like compose) that a workflow
step runs with `-f`: the step's environment reaches it as it reaches a `docker-compose.yml`."""

from __future__ import annotations

from pathlib import Path

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
    "        broker: ['3.13', '4.1']\n"
    "    env:\n"
    "      BROKER_IMAGE: rabbitmq:${{ matrix.broker }}-management\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: docker compose -f ci/services.yml up -d --wait\n"
)
SERVICES = (
    "services:\n  broker:\n    image: ${BROKER_IMAGE:-rabbitmq:4.0-management}\n  store:\n    image: valkey/valkey:8\n"
)
UNRUN = "services:\n  broker:\n    image: ${BROKER_IMAGE:-rabbitmq:3.12}\n"


def test_a_steps_env_reaches_the_yaml_compose_file_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {".github/workflows/e2e.yml": WORKFLOW, "ci/services.yml": SERVICES, "ci/unrun.yml": UNRUN},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    broker = {r["reference"] for r in records if r["file"] == "ci/services.yml" and r["line"] == 3}
    assert broker == {"rabbitmq:4.0-management", "rabbitmq:3.13-management", "rabbitmq:4.1-management"}
    assert {r["reference"] for r in records if r["file"] == "ci/unrun.yml"} == {"rabbitmq:3.12"}

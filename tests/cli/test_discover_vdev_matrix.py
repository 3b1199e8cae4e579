"""A compose file that a test harness runs once per row of a matrix written beside it (`config/test.yaml` with
`matrix:`, `${CONFIG_<KEY>}` in `config/compose.yaml`, vector's vdev) is read once per combination of the matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

COMPOSE = """\
services:
  broker:
    image: docker.io/library/rabbitmq:${CONFIG_VERSION}
  search:
    image: docker.io/opensearchproject/opensearch:${CONFIG_SEARCH_ENGINE}
  agent:
    image: docker.io/example/agent:${CONFIG_AGENT_VERSION:-7}
  runner:
    image: ${CONFIG_VECTOR_IMAGE}
"""

TEST_YAML = """\
features:
  - amqp-integration-tests

test_filter: "::amqp::"

env:
  AMQP_ADDRESS: amqp://broker:5672

matrix:
  version: ["3.8", "3.13"]
  search-engine: [2.19.1]

paths:
  - "src/sinks/amqp/**"
"""

# the same compose shape beside a test.yaml of another tool (no `features`): not a vdev matrix
OTHER_COMPOSE = "services:\n  db:\n    image: postgres:${CONFIG_VERSION}\n"
OTHER_TEST_YAML = "name: smoke\nmatrix:\n  version: ['16']\nsteps:\n  - run: make test\n"


def test_a_vdev_matrix_gives_each_combination_its_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/integration/amqp/config/compose.yaml": COMPOSE,
            "tests/integration/amqp/config/test.yaml": TEST_YAML,
            "tests/integration/other/config/compose.yaml": OTHER_COMPOSE,
            "tests/integration/other/config/test.yaml": OTHER_TEST_YAML,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    amqp = "tests/integration/amqp/config/compose.yaml"
    other = "tests/integration/other/config/compose.yaml"
    assert rows == [
        (amqp, 3, "rabbitmq:3.13", "public"),
        (amqp, 3, "rabbitmq:3.8", "public"),
        (amqp, 5, "opensearchproject/opensearch:2.19.1", "public"),
        (amqp, 7, "example/agent:7", "public"),
        (amqp, 9, None, "unresolved"),
        (other, 3, None, "unresolved"),
    ]
    uses = {r["reference"]: r["use"] for r in records if r["file"] == amqp}
    matrix = "tests/integration/amqp/config/test.yaml"
    assert uses["rabbitmq:3.8"] == f"image (matrix of {matrix}: version=3.8, search-engine=2.19.1)"
    assert uses["example/agent:7"] == "image"  # the same in every combination: the file's own reading
    runner = next(r for r in records if r["file"] == amqp and r["line"] == 9)
    assert "CONFIG_VECTOR_IMAGE" in runner["reason"]


def test_a_service_build_takes_the_matrix_as_its_build_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "tests/e2e/otel/config/compose.yaml": (
                "services:\n  sink:\n    build:\n      context: ../../../..\n"
                "      dockerfile: ./tests/e2e/common/collector.Dockerfile\n"
                "      args:\n        CONFIG_COLLECTOR_VERSION: ${CONFIG_COLLECTOR_VERSION}\n"
            ),
            "tests/e2e/otel/config/test.yaml": (
                'features:\n  - e2e-tests-otel\ntest: "e2e"\nmatrix:\n  collector_version: ["0.150.0"]\n'
            ),
            "tests/e2e/common/collector.Dockerfile": (
                "ARG CONFIG_COLLECTOR_VERSION=latest\n"
                "FROM otel/opentelemetry-collector-contrib:${CONFIG_COLLECTOR_VERSION} AS upstream\n"
                "FROM alpine:3.20\nCOPY --from=upstream /otelcol-contrib /otelcol-contrib\n"
            ),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted({(r["file"], r["line"], r["reference"], r["status"]) for r in records})
    dockerfile = "tests/e2e/common/collector.Dockerfile"
    assert rows == [
        (dockerfile, 2, "otel/opentelemetry-collector-contrib:0.150.0", "public"),
        (dockerfile, 2, "otel/opentelemetry-collector-contrib:latest", "public"),
        (dockerfile, 3, "alpine:3.20", "public"),
    ]

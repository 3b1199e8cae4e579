"""`ecr-mirror discover` on the test scenarios of Dev Container Features: `devcontainer features test` reads
`test/<feature>/scenarios.json` (and `test/_global/scenarios.json`), each key a test and each value a
`devcontainer.json` snippet it builds a container from, so each scenario's `image` is pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from tests.support.trees import tree_rows

BASE = "mcr.microsoft.com/devcontainers/base:debian"
SCENARIOS = """\
{
    // the distributions the feature supports
    "on_noble": {
        "image": "ubuntu:noble",
        "features": {"lint-tools": {}}
    },
    "on_alma_minimal": {
        "image": "almalinux:9-minimal",
        "remoteUser": "root",
        "features": {
            "lint-tools": {"version": "2.1"},
        },
    },
    "on_fedora": {"features": {"lint-tools": {}}, "image": "fedora"},
    "with_a_dockerfile": {
        "build": {"dockerfile": "Dockerfile"},
        "features": {"lint-tools": {}}
    },
}
"""
TREE = {
    "src/lint-tools/devcontainer-feature.json": '{"id": "lint-tools", "version": "1.0.0", "options": {}}\n',
    "test/lint-tools/scenarios.json": SCENARIOS,
    "test/lint-tools/with_a_dockerfile/Dockerfile": "FROM debian:trixie-slim\n",
    "test/_global/scenarios.json": """\
{
    "lint_and_git": {
        "image": "mcr.microsoft.com/devcontainers/base:debian",
        "features": {"lint-tools": {}, "ghcr.io/devcontainers/features/git:1": {}}
    }
}
""",
    # not a feature test: a load-test tool's scenarios, no features installed
    "test/load/scenarios.json": '{"smoke": {"image": "k6-runner", "vus": 10}}\n',
    "docs/scenarios.json": '{"demo": {"image": "redis:7", "features": {"x": {}}}}\n',
}


def test_scenarios_files_of_a_features_test_are_known_by_their_place() -> None:
    assert kind_of("test/lint-tools/scenarios.json") is Kind.DEVCONTAINER_SCENARIOS
    assert kind_of("features/test/_global/scenarios.json") is Kind.DEVCONTAINER_SCENARIOS
    assert kind_of("docs/scenarios.json") is None
    assert kind_of("test/scenarios.json") is None


def test_each_scenario_s_image_is_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(TREE, tmp_path, monkeypatch, capsys)
    kind = "dev container features test scenarios"
    assert sorted(row[:2] + row[3:] for row in rows if row[2] == kind) == [
        ("test/_global/scenarios.json", 3, "image (scenario lint_and_git)", BASE, "public"),
        ("test/lint-tools/scenarios.json", 4, "image (scenario on_noble)", "ubuntu:noble", "public"),
        ("test/lint-tools/scenarios.json", 8, "image (scenario on_alma_minimal)", "almalinux:9-minimal", "public"),
        ("test/lint-tools/scenarios.json", 14, "image (scenario on_fedora)", "fedora:latest", "public"),
    ]
    assert (
        "test/lint-tools/with_a_dockerfile/Dockerfile",
        1,
        "Dockerfile",
        "FROM",
        "debian:trixie-slim",
        "public",
    ) in rows
    assert not [row for row in rows if row[0] in ("test/load/scenarios.json", "docs/scenarios.json")]

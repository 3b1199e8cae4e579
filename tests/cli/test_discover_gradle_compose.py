"""`ecr-mirror discover` on a Gradle build that runs compose files through the docker-compose plugin, with
variables from `gradle.properties`: the compose images with those values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "settings.gradle": "rootProject.name = 'acme'\n",
    "gradle.properties": "commonImageVersion=0.22.0\n",
    "build.gradle": (
        "apply plugin: 'docker-compose'\n"
        "dockerCompose {\n"
        '    environment.put "COMMON_VERSION", commonImageVersion\n'
        "    mysql {\n"
        '        useComposeFiles = ["docker-compose-mysql.yml"]\n'
        "    }\n"
        "}\n"
    ),
    "docker-compose-mysql.yml": (
        "services:\n  zookeeper:\n    image: acme/zookeeper:$COMMON_VERSION\n  redis:\n    image: redis:7\n"
    ),
}


def test_the_plugin_environment_reaches_the_compose_files_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        (3, None, "unresolved", "image"),
        (3, "acme/zookeeper:0.22.0", "public", "image (with the env of build.gradle:4)"),
        (5, "redis:7", "public", "image"),
    }

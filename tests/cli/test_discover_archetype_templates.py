"""`ecr-mirror discover` on a Java project that ships a Maven archetype: the files under
`src/main/resources/archetype-resources/` are the templates of the projects `mvn archetype:generate` makes for its
users (https://maven.apache.org/guides/mini/guide-creating-archetypes.html), their versions placeholders the
archetype's build fills in (`<syncope.version>syncopeVersion</syncope.version>`); the repository's own builds never
run them. They are skipped as the walk's other folders are, counted on stderr with their reason, and the project's
own files beside them are read. Shaped after an identity-management project's archetype."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TEMPLATE_COMPOSE = """services:
  syncope:
    image: apache/syncope:syncopeVersion
  db:
    image: postgres:17
"""


def test_an_archetypes_project_templates_are_skipped_with_their_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "archetype/src/main/resources/archetype-resources/docker-compose.yml": TEMPLATE_COMPOSE,
            "archetype/src/main/resources/archetype-resources/core/Dockerfile": "FROM eclipse-temurin:javaVersion\n",
            "docker/core/Dockerfile": "FROM eclipse-temurin:21-jre\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = json.loads(out)
    assert {(r["file"], r["reference"]) for r in records} == {("docker/core/Dockerfile", "eclipse-temurin:21-jre")}
    assert "Maven archetype templates (archetype-resources/)" in err

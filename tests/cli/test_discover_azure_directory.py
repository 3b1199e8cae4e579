"""Azure Pipelines files kept in a `.azure/` directory (a pipeline's YAML can be at any path of the repository, set
in the pipeline's settings; its step and job templates beside it): read as Azure Pipelines files, their job
containers and the `docker run` lines of their `bash:` steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TREE = {
    ".azure/build-pipeline.yaml": (
        "trigger:\n  - main\n"
        "jobs:\n"
        "  - job: build\n"
        "    container: maven:3.9-eclipse-temurin-21\n"
        "    steps:\n"
        "      - template: templates/steps/emulation.yaml\n"
    ),
    ".azure/templates/steps/emulation.yaml": (
        "steps:\n"
        "  - task: DockerInstaller@0\n"
        "    inputs:\n"
        "      dockerVersion: 27.1.1\n"
        "  - bash: |\n"
        "      docker run --rm --privileged tonistiigi/binfmt:qemu-v9.2.2 --install all\n"
        "    displayName: Register QEMU\n"
    ),
}


def test_the_pipelines_of_an_azure_directory_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        (file, line, kind, reference)
        for file, line, kind, _, reference, _ in tree_rows(TREE, tmp_path, monkeypatch, capsys)
    ]
    assert sorted(rows) == [
        (".azure/build-pipeline.yaml", 5, "Azure Pipelines file", "maven:3.9-eclipse-temurin-21"),
        (".azure/templates/steps/emulation.yaml", 6, "Azure Pipelines file", "tonistiigi/binfmt:qemu-v9.2.2"),
    ]

"""`ecr-mirror discover` reads the commands a script runs through its own wrapper functions (`retry 3 docker pull`,
`kctl run --image=...` with `kctl() { kubectl "$@"; }`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "e2e/lib.sh": (
        "#!/bin/bash\n"
        'retry() {\n\tlocal n=$1\n\tshift\n\tuntil "$@"; do sleep 2; done\n}\n\n'
        'k() {\n\tkubectl --request-timeout=30s "$@"\n}\n\n'
        "retry 5 docker pull registry.k8s.io/pause:3.10\n"
        "k run s3-client -i --rm --restart=Never --image=docker.io/amazon/aws-cli:2.17.0 -- s3 ls\n"
    ),
}


def test_commands_run_through_a_scripts_own_functions_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = [
        (r["file"], r["line"], r["use"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("e2e/lib.sh", 12, "docker pull", "registry.k8s.io/pause:3.10"),
        ("e2e/lib.sh", 13, "kubectl run", "amazon/aws-cli:2.17.0"),
    ]


WORKFLOW_TREE = {
    ".github/workflows/test.yml": (
        "on: push\njobs:\n  unit:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - name: Pre-pull the images the tests start\n"
        "        run: |\n"
        "          pull() {\n"
        "            for attempt in 1 2 3; do\n"
        '              docker pull "$1" && return 0\n'
        "              sleep 10\n"
        "            done\n"
        "            return 1\n"
        "          }\n"
        "          pull postgres:16.4\n"
        "          for image in \\\n"
        "            valkey/valkey:8.1 \\\n"
        "            ghcr.io/acme/fake-s3:2.0\n"
        "          do\n"
        '            pull "$image" &\n'
        "          done\n"
        "          wait\n"
    ),
}


def test_a_steps_pull_function_and_its_loop_over_images_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, WORKFLOW_TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = [(r["line"], r["use"], r["reference"]) for r in records if r["status"] == "public"]
    assert public == [
        (15, "docker pull", "postgres:16.4"),
        (20, "docker pull", "valkey/valkey:8.1"),
        (20, "docker pull", "ghcr.io/acme/fake-s3:2.0"),
    ]

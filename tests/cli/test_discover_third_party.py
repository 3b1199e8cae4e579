"""`third_party/` and `third-party/` directories hold copies of other projects (a vendored kind script, Kubernetes'
hack scripts): `discover` skips them as it skips `vendor/`, and counts what it did not read there on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "Makefile": "e2e:\n\tdocker run --rm golangci/golangci-lint:v2.9.0 golangci-lint run\n",
    "third_party/github.com/tilt-dev/kind-local/kind-with-registry.sh": (
        "#!/bin/sh\nset -o errexit\n"
        "docker run -d --restart=always -p 127.0.0.1:5000:5000 --name kind-registry registry:2\n"
    ),
    "third_party/k8s.io/kubernetes/build/pause/Dockerfile": "FROM gcr.io/distroless/static:nonroot\n",
    "tools/third-party/opa/docker-compose.yml": "services:\n  opa:\n    image: openpolicyagent/opa:0.60.0\n",
}


def test_third_party_directories_are_skipped_and_counted_as_vendored_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["golangci/golangci-lint:v2.9.0"]
    assert "2 vendored code of other projects (third_party/, third-party/) (" in err
    assert "third_party/k8s.io/kubernetes/build/pause/Dockerfile" in err  # scripts are not counted, as in vendor/
    assert "tools/third-party/opa/docker-compose.yml" in err


def test_a_third_party_directory_named_as_a_path_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "third_party"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["gcr.io/distroless/static:nonroot", "registry:2"]

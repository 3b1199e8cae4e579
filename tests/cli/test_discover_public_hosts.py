"""Which registries `ecr-mirror discover` lists as public by default: the registries the engine names (docker.io,
ghcr.io, quay.io, registry.k8s.io, public.ecr.aws, gcr.io, mcr.microsoft.com). Other hosts, GitLab.com's registry and
Google Artifact Registry among them, are left out, named on stderr, unless `--public-registry` names them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

PIPELINE = """\
build:
  image: registry.gitlab.com/acme-dev/ci-images/builder:bookworm-amd64
  script: [make]
test:
  image: us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4
  script: [make test]
"""


def _statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, str]:
    (tmp_path / ".gitlab-ci.yml").write_text(PIPELINE)
    assert main(["discover", str(tmp_path), "--json", *extra]) == 0
    return {r["reference"]: r["status"] for r in json.loads(capsys.readouterr().out)}


def test_only_the_engines_registries_are_public_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _statuses(tmp_path, capsys) == {
        "registry.gitlab.com/acme-dev/ci-images/builder:bookworm-amd64": "left-out",
        "us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4": "left-out",
    }


def test_a_host_named_by_public_registry_is_listed_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statuses = _statuses(tmp_path, capsys, "--public-registry", "registry.gitlab.com")
    assert statuses == {
        "registry.gitlab.com/acme-dev/ci-images/builder:bookworm-amd64": "public",
        "us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4": "left-out",
    }


def test_the_plain_listing_names_a_registry_given_as_public_and_the_others_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".gitlab-ci.yml").write_text(PIPELINE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--public-registry", "registry.gitlab.com"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "registry.gitlab.com/acme-dev/ci-images/builder:bookworm-amd64  # .gitlab-ci.yml\n"
    assert "us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4 (--public-registry HOST" in captured.err

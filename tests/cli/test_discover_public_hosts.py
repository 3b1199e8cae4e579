"""Which registries `ecr-mirror discover` lists as public by default: the engine's named registries and GitLab.com's
container registry, which serves public projects' images anonymously as ghcr.io does; other hosts are left out
unless `--public-registry` names them."""

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


def test_gitlab_com_images_are_public_by_default_and_other_hosts_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _statuses(tmp_path, capsys) == {
        "registry.gitlab.com/acme-dev/ci-images/builder:bookworm-amd64": "public",
        "us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4": "left-out",
    }


def test_a_host_named_by_public_registry_is_listed_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statuses = _statuses(tmp_path, capsys, "--public-registry", "us-central1-docker.pkg.dev")
    assert statuses["us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4"] == "public"


def test_the_plain_listing_names_gitlab_com_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".gitlab-ci.yml").write_text(PIPELINE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    captured = capsys.readouterr()
    assert captured.out == "registry.gitlab.com/acme-dev/ci-images/builder:bookworm-amd64  # .gitlab-ci.yml\n"
    assert "us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4 (--public-registry HOST" in captured.err

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
    assert (
        "us-central1-docker.pkg.dev 1 (us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4; "
        "--public-registry us-central1-docker.pkg.dev)" in captured.err
    )


def test_registries_that_serve_only_public_images_are_public_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n"
        "  db:\n    image: mirror.gcr.io/library/postgres:17.2\n"
        "  kibana:\n    image: docker.elastic.co/kibana/kibana:8.19.0\n"
        "  ubi:\n    image: registry.access.redhat.com/ubi9/ubi-minimal:9.6\n"
        "  web:\n    image: lscr.io/linuxserver/nginx:1.28.0\n"
        "  app:\n    image: registry.acme.example/team/app:1.0\n"
    )
    assert main(["discover", str(tmp_path), "--json"]) == 0
    statuses = {r["reference"]: r["status"] for r in json.loads(capsys.readouterr().out)}
    assert statuses == {
        "mirror.gcr.io/library/postgres:17.2": "public",
        "docker.elastic.co/kibana/kibana:8.19.0": "public",
        "registry.access.redhat.com/ubi9/ubi-minimal:9.6": "public",
        "lscr.io/linuxserver/nginx:1.28.0": "public",
        "registry.acme.example/team/app:1.0": "left-out",
    }


def test_each_left_out_record_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".gitlab-ci.yml").write_text(PIPELINE)
    (tmp_path / "compose.yaml").write_text(
        "services:\n  app:\n    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/docker-hub/library/redis:7\n"
    )
    mirror = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror"
    assert main(["discover", str(tmp_path), "--json", "--mirror", mirror]) == 0
    reasons = {r["reference"]: r["reason"] for r in json.loads(capsys.readouterr().out) if r["status"] == "left-out"}
    assert reasons == {
        "registry.gitlab.com/acme-dev/ci-images/builder:bookworm-amd64": "registry.gitlab.com is not a registry "
        "known to be public (--public-registry registry.gitlab.com lists its images)",
        "us-central1-docker.pkg.dev/acme-ci/tools/tester:1.4": "us-central1-docker.pkg.dev is not a registry known to "
        "be public (--public-registry us-central1-docker.pkg.dev lists its images)",
        f"{mirror}/docker-hub/library/redis:7": f"under --mirror {mirror}: already the mirror's",
    }


def test_fedoras_registry_is_public_by_default_and_vendor_hosts_with_private_content_are_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """registry.fedoraproject.org serves only the images Fedora's build system releases, pulled without a login;
    NGC (nvcr.io), IBM Cloud (icr.io), Red Hat's partner registry and Chainguard (cgr.dev) also hold images that
    need credentials, so they stay out (on cgr.dev, all but Chainguard's free namespace, cgr.dev/chainguard)."""
    (tmp_path / "Dockerfile").write_text(
        "FROM registry.fedoraproject.org/fedora-minimal:40 AS tools\n"
        "FROM nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04 AS gpu\n"
        "FROM icr.io/db2_community/db2:11.5.9.0 AS db\n"
        "FROM registry.connect.redhat.com/crunchydata/crunchy-postgres:ubi8-15.5-0 AS pg\n"
        "FROM cgr.dev/acme.example/wolfi-base:latest\n"
    )
    assert main(["discover", str(tmp_path), "--json"]) == 0
    statuses = {r["reference"]: r["status"] for r in json.loads(capsys.readouterr().out)}
    assert statuses == {
        "registry.fedoraproject.org/fedora-minimal:40": "public",
        "nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04": "left-out",
        "icr.io/db2_community/db2:11.5.9.0": "left-out",
        "registry.connect.redhat.com/crunchydata/crunchy-postgres:ubi8-15.5-0": "left-out",
        "cgr.dev/acme.example/wolfi-base:latest": "left-out",
    }

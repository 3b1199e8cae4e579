"""Registries and namespaces whose owners document them as public, listed by default; the rest of a mixed host left
out; `--public-registry HOST/NAMESPACE` for the user's own; and the stderr summary of what is left out, one host at a
time with the option that lists it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

DOCKERFILE = """\
FROM cgr.dev/chainguard/wolfi-base:latest AS base
FROM cgr.dev/chainguard/static@sha256:60582b2ae6074f641094af0f370d4ab241aab271858a66223dcde7eee9f51638 AS static
FROM cgr.dev/chainguard/go:1.26 AS pinned-tag
FROM cgr.dev/acme.example/go-fips:1.26 AS private-org
FROM k8s.gcr.io/pause:3.2 AS legacy
FROM docker.mirror.hashicorp.services/library/alpine:3.20 AS mirrored
FROM ecr-public.aws.com/docker/library/redis:7.2.8-alpine AS dual-stack
FROM registry.developers.crunchydata.com/crunchydata/crunchy-postgres:ubi9-17.7-2550 AS pg
FROM registry.suse.com/bci/bci-base:15.6 AS bci
FROM registry.suse.com/suse/private-product:1.0 AS suse-other
FROM reg.kyverno.io/kyverno/kyverno-cli:v1.14.2 AS policies
FROM reg.kyverno.io/acme/tool:1.0 AS kyverno-host-other
"""


def _records(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, tuple[str, str | None]]:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    assert main(["discover", str(tmp_path), "--json", *extra]) == 0
    return {r["reference"]: (r["status"], r.get("reason")) for r in json.loads(capsys.readouterr().out)}


def test_documented_public_hosts_and_namespaces_are_listed_and_the_rest_of_a_mixed_host_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statuses = {ref: status for ref, (status, _) in _records(tmp_path, capsys).items()}
    assert statuses == {
        "cgr.dev/chainguard/wolfi-base:latest": "public",
        "cgr.dev/chainguard/static@sha256:60582b2ae6074f641094af0f370d4ab241aab271858a66223dcde7eee9f51638": "public",
        "cgr.dev/chainguard/go:1.26": "left-out",  # the free tier serves only latest, latest-dev and digests
        "cgr.dev/acme.example/go-fips:1.26": "left-out",  # a customer's organisation
        "k8s.gcr.io/pause:3.2": "public",
        "docker.mirror.hashicorp.services/library/alpine:3.20": "public",
        "ecr-public.aws.com/docker/library/redis:7.2.8-alpine": "public",  # ECR Public's dual-stack endpoint
        "registry.developers.crunchydata.com/crunchydata/crunchy-postgres:ubi9-17.7-2550": "public",
        "registry.suse.com/bci/bci-base:15.6": "public",
        "registry.suse.com/suse/private-product:1.0": "left-out",
        "reg.kyverno.io/kyverno/kyverno-cli:v1.14.2": "public",  # Kyverno's Scarf domain in front of ghcr.io
        "reg.kyverno.io/acme/tool:1.0": "left-out",
    }


def test_a_left_out_image_on_a_host_with_public_namespaces_says_which_and_how_to_list_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _records(tmp_path, capsys)
    assert records["cgr.dev/chainguard/go:1.26"] == (
        "left-out",
        "cgr.dev/chainguard serves only the tags latest, latest-dev and digests to anyone "
        "(--public-registry cgr.dev lists every image of the registry)",
    )
    assert records["cgr.dev/acme.example/go-fips:1.26"] == (
        "left-out",
        "cgr.dev is not a registry known to be public, only its namespace cgr.dev/chainguard "
        "(--public-registry cgr.dev lists its images, --public-registry cgr.dev/NAMESPACE those of one namespace)",
    )


def test_public_registry_takes_a_namespace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".gitlab-ci.yml").write_text(
        "build:\n  image: registry.gitlab.com/acme-oss/ci-images/builder:bookworm\n  script: [make]\n"
        "test:\n  image: registry.gitlab.com/acme-oss-tools/tester:1.4\n  script: [make test]\n"
        "deploy:\n  image: registry.gitlab.com/acme-corp/deployer:2\n  script: [make deploy]\n"
    )
    assert main(["discover", str(tmp_path), "--json", "--public-registry", "registry.gitlab.com/acme-oss"]) == 0
    statuses = {r["reference"]: r["status"] for r in json.loads(capsys.readouterr().out)}
    assert statuses == {
        "registry.gitlab.com/acme-oss/ci-images/builder:bookworm": "public",
        "registry.gitlab.com/acme-oss-tools/tester:1.4": "left-out",  # a namespace is a whole path component
        "registry.gitlab.com/acme-corp/deployer:2": "left-out",
    }


def test_public_registry_refuses_a_namespace_without_a_host(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["discover", ".", "--public-registry", "acme-oss/tools"])
    assert "is not a registry host[:port][/NAMESPACE]" in capsys.readouterr().err


def test_stderr_names_each_left_out_host_once_with_its_count_and_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  a:\n    image: registry.acme.example/team/a:1\n"
        "  b:\n    image: registry.acme.example/team/b:1\n"
        "  c:\n    image: cgr.dev/acme.example/c:1\n"
        "  d:\n    image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/docker-hub/library/redis:7\n"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--mirror", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror"]) == 0
    err = capsys.readouterr().err
    assert (
        "ecr-mirror: left out 3 images on 2 registries not known to be public: "
        "cgr.dev 1 (cgr.dev/acme.example/c:1; --public-registry cgr.dev), "
        "registry.acme.example 2 (registry.acme.example/team/a:1, registry.acme.example/team/b:1; "
        "--public-registry registry.acme.example); "
        "--public-registry HOST/NAMESPACE lists one namespace, --probe asks each registry whether it serves them "
        "to anyone\n"
    ) in err
    assert (
        "ecr-mirror: left out 1 image under --mirror 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror: "
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/docker-hub/library/redis:7\n"
    ) in err


def test_a_public_host_written_with_the_https_port_is_that_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`gcr.io:443` is gcr.io reached on the port HTTPS uses anyway: listed as written; another port is another
    registry, and `:443` does not make a private host public."""
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  a:\n    image: gcr.io:443/google_containers/pause:1.0\n"
        "  b:\n    image: docker.io:443/library/redis:7\n"
        "  c:\n    image: gcr.io:8443/google_containers/pause:1.0\n"
        "  d:\n    image: registry.acme.example:443/team/app:1\n"
        "  e:\n    image: docker.redpanda.com:443/redpandadata/console:v2.8.1\n"
    )
    assert main(["discover", str(tmp_path), "--json"]) == 0
    statuses = {r["reference"]: r["status"] for r in json.loads(capsys.readouterr().out)}
    assert statuses == {
        "gcr.io:443/google_containers/pause:1.0": "public",
        "docker.io:443/library/redis:7": "public",
        "gcr.io:8443/google_containers/pause:1.0": "left-out",
        "registry.acme.example:443/team/app:1": "left-out",
        "docker.redpanda.com:443/redpandadata/console:v2.8.1": "public",
    }

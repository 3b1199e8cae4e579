"""`ecr-mirror discover` on scripts that start working containers with buildah: `buildah from IMAGE` (and `buildah
pull IMAGE`) pulls the image unless it is already in local storage, as `docker run` does; `scratch` is no image,
`--pull=never` pulls nothing, and a name the script commits is built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TREE = {
    "demos/multi-stage.sh": (
        "#!/usr/bin/env bash\nset -e\n"
        "builder=$(buildah from golang:1.22.4)\n"
        "buildah run $builder go build -o /out/app ./cmd/app\n"
        "runtime=$(buildah from --name rt --pull docker.io/library/alpine:3.20)\n"
        "empty=$(buildah from scratch)\n"
        "buildah commit $runtime acme-demo-app\n"
        "second=`buildah from ${2:-acme-demo-app}`\n"
    ),
    "tests/rpm.sh": (
        "#!/bin/bash\nIMAGE=registry.fedoraproject.org/fedora\n"
        "ctr=$(buildah from --pull --signature-policy ${TEST_SOURCES}/policy.json $IMAGE)\n"
        "buildah pull --tls-verify=false quay.io/libpod/centos:7\n"
        "local_only=$(buildah from --pull=never quay.io/acme/only-local:1.0)\n"
        "examples=$(buildah from ${1:-ubuntu})\n"
        "cid=$(buildah from $WITH_POLICY_JSON quay.io/libpod/alpine:latest)\n"
        "buildah pull dir:${TMPDIR}/saved-image\n"
        "buildah pull docker://quay.io/libpod/busybox:latest\n"
        "committed=$(buildah from ${2:-rpm-built-image})\n"
        'buildah commit "$ctr" ${2:-rpm-built-image}\n'
    ),
    # a near shape: prose naming the command, and another program whose name ends in buildah
    "docs.sh": '#!/bin/sh\necho "run buildah from nginx:1.27 to start"\nrun_buildah from busybox:1.36\n',
}


def test_buildah_from_and_pull_are_pulls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    assert ("demos/multi-stage.sh", 3, "golang:1.22.4", "public") in rows
    assert ("demos/multi-stage.sh", 5, "alpine:3.20", "public") in rows
    assert ("tests/rpm.sh", 3, "registry.fedoraproject.org/fedora:latest", "public") in rows
    assert ("tests/rpm.sh", 4, "quay.io/libpod/centos:7", "public") in rows
    assert ("tests/rpm.sh", 6, "ubuntu:latest", "public") in rows
    assert ("demos/multi-stage.sh", 8, "acme-demo-app:latest", "built-here") in rows
    # buildah from takes one image: a variable before it holds options
    assert ("tests/rpm.sh", 7, "quay.io/libpod/alpine:latest", "public") in rows
    assert ("tests/rpm.sh", 9, "quay.io/libpod/busybox:latest", "public") in rows
    # a transport other than a registry's (`dir:`) pulls nothing; a name the script commits is made there
    assert not [row for row in rows if row[0] == "tests/rpm.sh" and row[1] in (8, 10)]
    references = {row[2] for row in rows}
    assert not {"scratch", "scratch:latest", "quay.io/acme/only-local:1.0"} & references
    assert not {"nginx:1.27", "busybox:1.36"} & references
    assert not [row for row in rows if row[0] == "demos/multi-stage.sh" and row[1] == 6]

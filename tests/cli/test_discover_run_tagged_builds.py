"""`ecr-mirror discover` on a tree whose release script builds and pushes one of its images under a tag its run
chooses (`docker build -t acme/imagetool:$IMAGETOOL_VERSION ... --push`, run now and then to publish it) while the
project's Dockerfiles copy from a published tag of it (`COPY --from=acme/imagetool:7.1.2-24`): those builds pull the
published image from its registry, so the use stays public. A build's name with a tag the run chooses says nothing
of which tags the tree's other builds find locally (session 31 had them built here: penpot's imagemagick and
dgraph's `dgraph/dgraph:latest` were lost)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_MANAGE = """\
#!/usr/bin/env bash
IMAGETOOL_VERSION=${IMAGETOOL_VERSION:-7.1.2-24}

function build-imagetool-image {
    echo "Building image acme/imagetool:$IMAGETOOL_VERSION"
    pushd docker/imagetool
    docker buildx build --platform linux/amd64,linux/arm64 --push \\
      -t acme/imagetool:latest \\
      -t acme/imagetool:$IMAGETOOL_VERSION .
    popd
}

case $1 in
    build-imagetool-image) build-imagetool-image ;;
esac
"""

TREE = {
    "manage.sh": _MANAGE,
    "docker/imagetool/Dockerfile": "FROM ubuntu:24.04\nRUN apt-get update\n",
    "docker/images/Dockerfile.backend": (
        "FROM eclipse-temurin:21-jre\nCOPY --from=acme/imagetool:7.1.2-24 /opt/imagetool /opt/imagetool\n"
    ),
    "contrib/standalone/Dockerfile": "FROM acme/server:latest\n",
    "Makefile": "VERSION ?= local\nimage:\n\tdocker build -t acme/server:$(VERSION) .\n",
}


def test_a_published_tag_of_an_image_a_script_builds_under_a_chosen_tag_is_still_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    assert ("docker/images/Dockerfile.backend", 2, "acme/imagetool:7.1.2-24", "public") in rows
    assert ("contrib/standalone/Dockerfile", 1, "acme/server:latest", "public") in rows
    assert ("docker/imagetool/Dockerfile", 1, "ubuntu:24.04", "public") in rows

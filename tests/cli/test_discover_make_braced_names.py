"""`ecr-mirror discover` reads a Makefile's build whose `--build-arg` value is a dotted, computed make name written
in braces (`${BASE.${OS}}`), as make expands it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
OS ?= linux
ARCH ?= amd64
IMAGE = ghcr.io/acme/volume-test:1.0

BASE.linux.amd64 := busybox
BASE.linux.arm64 := arm64v8/busybox
BASE.linux := ${BASE.linux.${ARCH}}
BASE := ${BASE.${OS}}

container:
	docker buildx build --pull --platform ${OS}/${ARCH} \\
		-t $(IMAGE)-${OS}-${ARCH} --build-arg BASE=${BASE} .
"""

DOCKERFILE = """\
ARG BASE
FROM $BASE
COPY data /data
"""


def test_a_build_arg_from_a_braced_computed_name_is_the_base_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"images/volume/Makefile": MAKEFILE, "images/volume/Dockerfile": DOCKERFILE}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [record for record in records if record[5] != "built-here"] == [
        (
            "images/volume/Dockerfile",
            2,
            "Dockerfile",
            "FROM (built by images/volume/Makefile:11)",
            "busybox:latest",
            "public",
        ),
    ]

"""A Dockerfile whose `ARG` has no default gets its value from an env file beside it that the repository's build
script reads into `--build-arg`s (`build/<image>/build.env` with `PHP_IMAGE_URL=php:8.3-apache`, and `build.sh`
turning each `KEY=VALUE` of it into `--build-arg KEY=VALUE`): `FROM ${PHP_IMAGE_URL}` pulls that image. The env
file must be named by a script, Makefile or CI file of the tree; a stray one is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

BUILD_SH = """\
#!/usr/bin/env bash
set -e
IMAGE_NAME=$1
BUILD_ENV_FILE="build.env"
BUILD_ARGS=()
while IFS='=' read -r key value; do
  [[ -z "$key" || "$key" == \\#* ]] && continue
  BUILD_ARGS+=("--build-arg" "$key=$value")
done < "build/$IMAGE_NAME/$BUILD_ENV_FILE"
docker buildx build "${BUILD_ARGS[@]}" -t "acme/$IMAGE_NAME:dev" "build/$IMAGE_NAME"
"""

TREE = {
    "build/build.sh": BUILD_SH,
    "build/app/Dockerfile": (
        "ARG PHP_IMAGE_URL\nARG DEBIAN_IMAGE_URL\nARG TOOLS_URL=busybox:1.37\n"
        "FROM ${PHP_IMAGE_URL} AS app\nFROM ${DEBIAN_IMAGE_URL}\nFROM ${TOOLS_URL}\n"
    ),
    "build/app/build.env": (
        "# base images\nPHP_IMAGE_URL=php:8.3.23-apache-bookworm\nDEBIAN_IMAGE_URL='debian:bookworm-slim'\n"
        "TOOLS_URL=alpine:3.22\nMEDIAWIKI_VERSION=1.45.3\n"
    ),
    "other/Dockerfile": "ARG BASE_URL\nFROM ${BASE_URL}\n",
    "other/stray.env": "BASE_URL=ubuntu:24.04\n",
}


def test_an_env_file_a_build_script_names_fills_the_args_without_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(TREE, tmp_path, capsys)
    listed = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] != "unresolved"}
    assert ("php:8.3.23-apache-bookworm", "build/app/Dockerfile", 4) in listed
    assert ("debian:bookworm-slim", "build/app/Dockerfile", 5) in listed
    # an ARG with a default keeps it: the env file only fills what has none
    assert ("busybox:1.37", "build/app/Dockerfile", 6) in listed
    assert not any(ref == "alpine:3.22" for ref, _, _ in listed)
    unresolved = {(r["file"], r["line"]) for r in records if r["status"] == "unresolved"}
    assert ("build/app/Dockerfile", 4) not in unresolved
    # an env file nothing names is not read: the FROM stays unresolved
    assert ("other/Dockerfile", 2) in unresolved
    assert not any(ref == "ubuntu:24.04" for ref, _, _ in listed)

"""Travis CI's `.travis.yml`: its phases' commands (`before_install`, `install`, `script`, ..., also those of
`jobs.include` entries) run on the build's VM and are read as the steps of other CI files; its `services:` are the
names of services Travis starts on the VM (`docker`, `postgresql`), no images (it is no GitLab CI file, whose
`services:` are images)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_TRAVIS = """\
language: bash

services:
  - docker
  - postgresql

env:
  matrix:
    - TARGET_ARCH=amd64
    - TARGET_ARCH=arm64v8

install:
  - docker run --rm --privileged multiarch/qemu-user-static:register --reset

script:
  - make build test

jobs:
  include:
    - stage: lint
      script:
        - docker run --rm -v "$PWD:/mnt" koalaman/shellcheck:v0.9.0 image/*.sh
"""


def test_a_travis_file_is_known_by_its_name() -> None:
    assert kind_of(".travis.yml") is Kind.TRAVIS
    assert kind_of("ci/.travis.yaml") is Kind.TRAVIS


def test_a_travis_files_commands_are_read_and_its_services_are_no_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".travis.yml": _TRAVIS})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    found = sorted((record["line"], record["reference"], record["kind"]) for record in records)
    assert found == [
        (13, "multiarch/qemu-user-static:register", "Travis CI file"),
        (22, "koalaman/shellcheck:v0.9.0", "Travis CI file"),
    ]

"""`ecr-mirror discover` on a CircleCI config whose jobs run in an image a pipeline parameter names (`image: <<
pipeline.parameters.primary_image >>` with `parameters: {primary_image: {type: string, default: ...}}` at the top):
the image each pipeline runs in unless a trigger gives the parameter another value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONFIG = """\
version: 2.1

parameters:
  primary_image:
    type: string
    default: 'example/ci-primary:0.0.13'
  no_default:
    type: string

jobs:
  test:
    docker:
      - image: << pipeline.parameters.primary_image >>
      - image: example/consul:1.22.3
    steps:
      - checkout
  lint:
    docker:
      - image: <<pipeline.parameters.no_default>>
    steps:
      - checkout
  build:
    parameters:
      go:
        type: string
        default: "1.25"
    docker:
      - image: cimg/go:<< parameters.go >>
    steps:
      - checkout
"""


def test_a_pipeline_parameter_with_a_default_names_that_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".circleci/config.yml": CONFIG})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (6, "example/ci-primary:0.0.13", "public"),  # an image written as one parameter: at its default's line
        (14, "example/consul:1.22.3", "public"),
        (19, None, "unresolved"),
        (28, "cimg/go:1.25", "public"),  # a job's own parameter, no invocation giving it: its default
    }

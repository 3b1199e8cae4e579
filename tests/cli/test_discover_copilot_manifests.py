"""An AWS Copilot workload manifest (`copilot/<service>/manifest.yml`, https://aws.github.io/copilot-cli/docs/manifest/overview/)
deploys the image its `image.location` names, each sidecar's `image` (a string, or a mapping with `location`:
https://aws.github.io/copilot-cli/docs/developing/sidecars/), a FireLens `logging.image`, and the images an
`environments:` override names; an `image.build` is built from the repository, not pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_CHAT = """\
# The manifest for the "chat" service.
name: chat
type: Load Balanced Web Service

http:
  path: '/'
  healthcheck: '/health'

image:
  location: matrixdotorg/synapse
  port: 8008

sidecars:
  nginx:
    port: 80
    image: public.ecr.aws/nginx/nginx:1.27
  proxy:
    image:
      location: envoyproxy/envoy:v1.31.0

logging:
  image: public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4

environments:
  staging:
    image:
      location: matrixdotorg/synapse:v1.120.0
"""

_CAPTURE = """\
name: capture
type: Backend Service
image:
  build: capture/Dockerfile
  port: 5678
sidecars:
  own:
    image:
      build: capture/sidecar.Dockerfile
"""

_JOB = """\
name: generate
type: Scheduled Job
on:
  schedule: "@daily"
image:
  location: matrixdotorg/synapse:latest
"""

_NOT_COPILOT = """\
name: thing
image:
  location: acme/not-pulled:1
"""


def test_a_copilot_manifests_images_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "copilot/chat/manifest.yml": _CHAT,
            "copilot/capture/manifest.yml": _CAPTURE,
            "capture/Dockerfile": "FROM node:22-alpine\n",
            "capture/sidecar.Dockerfile": "FROM busybox:1.37\n",
            "copilot/generate/manifest.yml": _JOB,
            "config/thing.yml": _NOT_COPILOT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"]) for r in records if r["file"].startswith("copilot/"))
    assert got == [
        ("copilot/chat/manifest.yml", 10, "matrixdotorg/synapse:latest"),
        ("copilot/chat/manifest.yml", 16, "public.ecr.aws/nginx/nginx:1.27"),
        ("copilot/chat/manifest.yml", 19, "envoyproxy/envoy:v1.31.0"),
        ("copilot/chat/manifest.yml", 22, "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"),
        ("copilot/chat/manifest.yml", 27, "matrixdotorg/synapse:v1.120.0"),
        ("copilot/generate/manifest.yml", 6, "matrixdotorg/synapse:latest"),
    ]
    assert all(r["status"] == "public" for r in records if r["file"].startswith("copilot/"))
    # what the builds pull is read from their Dockerfiles; a manifest that is not Copilot's names nothing
    references = {r["reference"] for r in records}
    assert {"node:22-alpine", "busybox:1.37"} <= references
    assert "acme/not-pulled:1" not in references


def test_a_yaml_file_whose_type_is_a_list_or_a_mapping_is_no_manifest_and_no_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a YAML file of another tool with `name` and a `type` that is a list (an Ansible collection's meta, a schema)
    write_tree(
        tmp_path,
        {
            "config/list.yml": "name: thing\ntype: [a, b]\nimage:\n  location: acme/not-pulled:1\n",
            "config/map.yml": "name: thing\ntype: {a: b}\nsidecars: {x: {image: acme/not-pulled:2}}\n",
            "compose.yml": "services:\n  db:\n    image: postgres:17\n",
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {r["reference"] for r in records} == {"postgres:17"}

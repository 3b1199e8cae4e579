"""`ecr-mirror discover` on Agola CI configs (https://agola.io/doc/config/reference.html): `.agola/config.jsonnet`,
`.agola/config.yml` or `.agola/config.json`, whose tasks run in the containers of their `runtime` (the first runs the
steps, the others are services), each pulled from its `image`. A Jsonnet config builds its runtimes with functions:
an `image` of string literals and parameters takes each value the file's calls pass, through the functions between
and the array comprehensions (`for version in ['1.22', '1.23']`) around the calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

JSONNET = """\
// the CI of acme-db
local go_runtime(version, arch) = {
  type: 'pod',
  arch: arch,
  containers: [
    {
      image: 'golang:' + version + '-bookworm',
    },
  ],
};

local test_runtime(pgversion, arch='amd64') = {
  type: 'pod',
  arch: arch,
  containers: [
    { image: "example/acme-ci:v1.4-pg" + pgversion },
    { image: 'redis:7.4-alpine', privileged: false },
  ],
};

local task_build(version, arch) = {
  name: 'build go ' + version + ' ' + arch,
  runtime: go_runtime(version, arch),
  steps: [{ type: 'clone' }, { type: 'run', command: 'make' }],
};

local task_test(store, pgversion) =
  local label = 'store ' + store;
  {
    name: 'test ' + label + ', postgres ' + pgversion,
    runtime: test_runtime(pgversion),
    steps: [{ type: 'run', command: 'make test' }],
  };

local release_runtime(image) = {
  containers: [{ image: image }],
};

{
  runs: [
    {
      name: 'acme-db',
      tasks: [
        {
          name: 'checkout',
          runtime: { arch: 'amd64', containers: [{ image: 'alpine/git' }] },
          steps: [{ type: 'clone' }],
        },
        { name: 'release', runtime: release_runtime(std.extVar('RELEASE_IMAGE')) },
      ] + std.flattenArrays([
        [task_build(version, arch)]
        for version in ['1.22', '1.23']
        for arch in ['amd64' /*, 'arm64' */]
      ]) + std.flattenArrays([
        [task_test(store, pgversion)]
        for store in ['etcd', 'consul']
        for pgversion in ['16', '17']
      ]),
    },
  ],
}
"""

YAML = """\
version: v0
runs:
  - name: acme
    tasks:
      - name: build
        runtime:
          type: pod
          arch: amd64
          containers:
            - image: golang:1.23-bookworm
            - image: postgres:17.2
              environment:
                POSTGRES_PASSWORD: test
        steps:
          - clone:
          - run: make test
"""


def test_an_agola_jsonnet_config_lists_the_images_its_runtimes_pull(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".agola/config.jsonnet": JSONNET})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        (".agola/config.jsonnet", 7, "golang:1.22-bookworm", "public"),
        (".agola/config.jsonnet", 7, "golang:1.23-bookworm", "public"),
        (".agola/config.jsonnet", 16, "example/acme-ci:v1.4-pg16", "public"),
        (".agola/config.jsonnet", 16, "example/acme-ci:v1.4-pg17", "public"),
        (".agola/config.jsonnet", 17, "redis:7.4-alpine", "public"),
        (".agola/config.jsonnet", 36, None, "unresolved"),
        (".agola/config.jsonnet", 46, "alpine/git:latest", "public"),
    }
    assert all(r["kind"] == "Agola config" for r in records)


def test_an_agola_yaml_config_lists_its_runtime_containers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".agola/config.yml": YAML})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["kind"]) for r in records} == {
        (".agola/config.yml", 10, "golang:1.23-bookworm", "Agola config"),
        (".agola/config.yml", 11, "postgres:17.2", "Agola config"),
    }


def test_other_jsonnet_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"deploy/lib/config.jsonnet": JSONNET})
    assert discover_records(tmp_path, monkeypatch, capsys) == []

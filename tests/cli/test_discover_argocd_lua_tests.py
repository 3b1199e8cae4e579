"""Argo CD's resource customizations are Lua health checks and actions, each tested by a declaration beside it
(`health_test.yaml`: `tests:` entries with `inputPath` and `healthStatus`; `actions/action_test.yaml`:
`actionTests:` and `discoveryTests:` entries with `inputPath` and `expectedOutputPath`), whose inputs are resources
kept under `testdata/` that `go test ./util/lua/` feeds to the scripts offline
(https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks): never applied, their images
are no pull. `discover` reads neither them nor the declaration, and counts them on stderr; a manifest beside them that
no declaration names is still read, and so is a file of another tool that happens to be named `health_test.yaml`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import discover_records, write_tree


def _deployment(name: str, image: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\n"
        f"metadata:\n  name: {name}\nspec:\n  selector:\n    matchLabels:\n      app: {name}\n"
        f"  template:\n    metadata:\n      labels:\n        app: {name}\n"
        f"    spec:\n      containers:\n      - name: {name}\n        image: {image}\n"
    )


_HEALTH_TEST = """\
tests:
- healthStatus:
    status: Healthy
    message: "Cluster is ready"
  inputPath: testdata/healthy.yaml
- healthStatus:
    status: Degraded
    message: "Cluster failed"
  inputPath: testdata/degraded.yaml
"""

_ACTION_TEST = """\
discoveryTests:
- inputPath: testdata/app.yaml
  result:
  - name: restart
    disabled: false
actionTests:
- action: restart
  inputPath: testdata/app.yaml
  expectedOutputPath: testdata/app-restarted.yaml
"""

TREE = {
    "resource_customizations/example.io/Cluster/health.lua": "hs = {}\nreturn hs\n",
    "resource_customizations/example.io/Cluster/health_test.yaml": _HEALTH_TEST,
    "resource_customizations/example.io/Cluster/testdata/healthy.yaml": _deployment("db", "acme/db-server:14.2"),
    "resource_customizations/example.io/Cluster/testdata/degraded.yaml": _deployment("db", "acme/db-server:13.0"),
    "resource_customizations/apps/Deployment/actions/restart/action.lua": "return obj\n",
    "resource_customizations/apps/Deployment/actions/action_test.yaml": _ACTION_TEST,
    "resource_customizations/apps/Deployment/actions/testdata/app.yaml": _deployment("app", "nginx:1.19-alpine"),
    "resource_customizations/apps/Deployment/actions/testdata/app-restarted.yaml": _deployment(
        "app", "nginx:1.18-alpine"
    ),
    # under a testdata/ beside the tests, but named by no declaration: read
    "resource_customizations/example.io/Cluster/testdata/unused.yaml": _deployment("spare", "redis:7.2"),
    "manifests/app.yaml": _deployment("server", "ghcr.io/acme/server:1.4.0"),
}


def test_the_inputs_of_argo_cd_lua_tests_are_not_read_and_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    fields = ("file", "line", "reference", "status")
    found = sorted(tuple(record[name] for name in fields) for record in json.loads(out))
    assert found == [
        ("manifests/app.yaml", 16, "ghcr.io/acme/server:1.4.0", "public"),
        ("resource_customizations/example.io/Cluster/testdata/unused.yaml", 16, "redis:7.2", "public"),
    ]
    assert "6 inputs of Argo CD Lua health and action tests (" in err


def test_a_file_named_health_test_yaml_that_is_no_declaration_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a manifest that happens to carry the name, and a `tests:` list of another tool (no `inputPath`)
    write_tree(
        tmp_path,
        {
            "deploy/health_test.yaml": _deployment("probe", "ghcr.io/acme/probe:2.0"),
            "ci/action_test.yaml": "tests:\n- name: smoke\n  file: testdata/pod.yaml\n",
            "ci/testdata/pod.yaml": _deployment("pod", "busybox:1.36"),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((record["file"], record["reference"]) for record in records) == [
        ("ci/testdata/pod.yaml", "busybox:1.36"),
        ("deploy/health_test.yaml", "ghcr.io/acme/probe:2.0"),
    ]

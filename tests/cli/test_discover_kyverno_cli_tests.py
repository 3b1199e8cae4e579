"""A Kyverno CLI test (`kyverno-test.yaml`, `apiVersion: cli.kyverno.io/v1alpha1`, `kind: Test`) names the policies,
resources, variables and patched or generated resources that `kyverno test` evaluates offline, without a cluster
(https://kyverno.io/docs/kyverno-cli/usage/test/): none of them is applied, and `discover` reads neither them nor the
test file (its inline `globalContextEntries` resources); it counts them on stderr. A manifest beside them that no test
names is still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _deployment(name: str, image: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\n"
        f"metadata:\n  name: {name}\nspec:\n  selector:\n    matchLabels:\n      app: {name}\n"
        f"  template:\n    metadata:\n      labels:\n        app: {name}\n"
        f"    spec:\n      containers:\n      - name: {name}\n        image: {image}\n"
    )


_POLICY = """\
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: disallow-latest-tag
spec:
  validationFailureAction: Enforce
  rules:
  - name: require-image-tag
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      message: "An image tag is required."
      pattern:
        spec:
          containers:
          - image: "*:*"
"""

_TEST = """\
apiVersion: cli.kyverno.io/v1alpha1
kind: Test
metadata:
  name: disallow-latest-tag
policies:
- policy.yaml
resources:
- resources.yaml
variables: values.yaml
globalContextEntries:
- name: running
  resources:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: existing
    spec:
      template:
        spec:
          containers:
          - name: api
            image: node:20
results:
- policy: disallow-latest-tag
  rule: require-image-tag
  resources: [web]
  kind: Deployment
  patchedResources: patched.yaml
  result: pass
"""

# the older shape, before `apiVersion` and `kind`: `kyverno test` finds it by its name
_OLD_TEST = """\
name: add-label
policies:
  - ../shared/policy.yaml
resources:
  - ./pods.yaml
results:
  - policy: add-label
    rule: add-label
    resource: job
    kind: Pod
    generatedResource: generated.yaml
    result: pass
"""

TREE = {
    "test/cli/latest-tag/kyverno-test.yaml": _TEST,
    "test/cli/latest-tag/policy.yaml": _POLICY,
    "test/cli/latest-tag/resources.yaml": _deployment("web", "nginx:1.12"),
    "test/cli/latest-tag/patched.yaml": _deployment("web", "myregistry.io/nginx:1.12"),
    "test/cli/latest-tag/values.yaml": "policies: []\n",
    "test/cli/old/kyverno-test.yaml": _OLD_TEST,
    "test/cli/old/pods.yaml": _deployment("job", "busybox:1.28"),
    "test/cli/old/generated.yaml": _deployment("job", "ghcr.io/acme/generated:1.0"),
    "test/cli/shared/policy.yaml": _POLICY,
    # a `kind: Test` under another `apiVersion`, found by its name
    "test/cli/mutating/kyverno-test.yaml": _TEST.replace("cli.kyverno.io/v1alpha1", "kyverno.io/v1"),
    "test/cli/mutating/policy.yaml": _POLICY,
    "test/cli/mutating/resources.yaml": _deployment("web", "example/app:v1.0.0"),
    # beside the tests but named by none: still read
    "test/cli/latest-tag/deploy.yaml": _deployment("demo", "redis:7.2"),
    "deploy/app.yaml": _deployment("app", "ghcr.io/acme/app:1.4.0"),
}


def test_the_files_of_a_kyverno_cli_test_are_not_read_and_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    found = sorted((record["written"], record["file"], record["line"]) for record in json.loads(out))
    assert found == [
        ("ghcr.io/acme/app:1.4.0", "deploy/app.yaml", 16),
        ("redis:7.2", "test/cli/latest-tag/deploy.yaml", 16),
    ]
    assert "12 inputs of Kyverno CLI tests (" in err
    assert "test/cli/latest-tag/kyverno-test.yaml" in err


def test_a_file_of_another_tool_named_kyverno_test_is_read_when_it_is_no_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"deploy/kyverno-test.yaml": _deployment("kyverno-test", "ghcr.io/acme/probe:2.0")})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert [record["written"] for record in json.loads(out)] == ["ghcr.io/acme/probe:2.0"]


def test_a_declaration_is_read_by_its_api_version_anywhere_in_its_first_mib_and_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a test of another name declares itself by `apiVersion` and `kind: Test`, past the first 4 KiB too; a Values
    # file of the same `apiVersion`, or a kyverno-test.yaml of the older shape without `results`, is no test
    comments = ("# " + "x" * 78 + "\n") * 60
    tree = {
        "a/checks.yaml": comments + _TEST,
        "a/policy.yaml": _POLICY,
        "a/resources.yaml": _deployment("web", "nginx:1.12"),
        "b/values.yaml": "apiVersion: cli.kyverno.io/v1alpha1\nkind: Values\npolicies:\n- resources.yaml\n",
        "b/resources.yaml": _deployment("b", "ghcr.io/acme/b:1.0"),
        "c/kyverno-test.yaml": "name: half\npolicies:\n- resources.yaml\n",
        "c/resources.yaml": _deployment("c", "ghcr.io/acme/c:1.0"),
        "d/kyverno-test.yaml": _OLD_TEST.replace("name: add-label\n", "kind: Test\n", 1),
        "d/pods.yaml": _deployment("d", "ghcr.io/acme/d:1.0"),
        "e/kyverno-test.yaml": _OLD_TEST.replace("name: add-label\n", "kind: Values\n", 1),
        "e/pods.yaml": _deployment("e", "ghcr.io/acme/e:1.0"),
        "f/kyverno-test.yaml": _TEST + "  - [\n",
        "f/resources.yaml": _deployment("f", "ghcr.io/acme/f:1.0"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert sorted({record["written"] for record in json.loads(out)}) == [
        "ghcr.io/acme/b:1.0",
        "ghcr.io/acme/c:1.0",
        "ghcr.io/acme/e:1.0",
        "ghcr.io/acme/f:1.0",
    ]

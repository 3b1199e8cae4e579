"""A Kyverno Chainsaw test (`chainsaw-test.yaml`, https://kyverno.github.io/chainsaw/) applies some of its files to the
cluster (`apply`, `create`, `update`, `patch`) and only compares others with what the cluster holds (`assert`,
`error`); an operation whose `expect` checks that it fails (`($error != null): true`, `($error): message`) is a
resource the cluster is expected to deny. `discover` does not read a file the test's operations only assert or expect
to be denied, and counts them on stderr; a file applied by any step of any test (or named by a script) is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _pod(name: str, image: str) -> str:
    return (
        f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: c\n    image: {image}\n"
    )


_TEST = """\
apiVersion: chainsaw.kyverno.io/v1alpha1
kind: Test
metadata:
  name: require-signed-images
spec:
  steps:
  - name: create policy
    try:
    - apply:
        file: policy.yaml
  - name: create pods
    try:
    - apply:
        file: good-pod.yaml
    - assert:
        file: good-pod-mutated.yaml
    - apply:
        file: bad-pod.yaml
        expect:
        - check:
            ($error != null): true
    - create:
        file: other-bad-pod.yaml
        expect:
        - check:
            ($error): admission webhook "validate.kyverno.svc" denied the request
    - create:
        file: allowed-pod.yaml
        expect:
        - check:
            ($error == null): true
    - error:
        file: never-there.yaml
    - assert:
        file: scripted.yaml
    - assert:
        file: ../shared/pod.yaml
    - script:
        content: kubectl apply -f scripted.yaml
"""

_POLICY = "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: require-signed-images\nspec: {}\n"

TREE = {
    "test/conformance/chainsaw/signed/chainsaw-test.yaml": _TEST,
    "test/conformance/chainsaw/signed/policy.yaml": _POLICY,
    "test/conformance/chainsaw/signed/good-pod.yaml": _pod("good", "ghcr.io/acme/signed:1.0"),
    "test/conformance/chainsaw/signed/good-pod-mutated.yaml": _pod(
        "good", "ghcr.io/acme/signed:1.0@sha256:" + "a" * 64
    ),
    "test/conformance/chainsaw/signed/bad-pod.yaml": _pod("bad", "docker.io/acme/unsigned:1.0"),
    "test/conformance/chainsaw/signed/other-bad-pod.yaml": _pod("bad2", "docker.io/acme/unsigned:2.0"),
    "test/conformance/chainsaw/signed/allowed-pod.yaml": _pod("ok", "ghcr.io/acme/allowed:3.1"),
    "test/conformance/chainsaw/signed/never-there.yaml": _pod("gone", "docker.io/acme/gone:0.1"),
    "test/conformance/chainsaw/signed/scripted.yaml": _pod("scripted", "ghcr.io/acme/scripted:2.2"),
    # asserted by the test above, applied by another: read
    "test/conformance/chainsaw/shared/pod.yaml": _pod("shared", "ghcr.io/acme/shared:1.1"),
    "test/conformance/chainsaw/other/chainsaw-test.yaml": (
        "apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: other\nspec:\n  steps:\n"
        "  - try:\n    - apply:\n        file: ../shared/pod.yaml\n"
    ),
    # beside the test but named by none of its operations: read
    "test/conformance/chainsaw/signed/README-pod.yaml": _pod("readme", "ghcr.io/acme/readme:0.9"),
}


def test_files_a_chainsaw_test_only_asserts_or_expects_denied_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    found = sorted((Path(record["file"]).name, record["written"]) for record in json.loads(out))
    assert found == [
        ("README-pod.yaml", "ghcr.io/acme/readme:0.9"),
        ("allowed-pod.yaml", "ghcr.io/acme/allowed:3.1"),
        ("good-pod.yaml", "ghcr.io/acme/signed:1.0"),
        ("pod.yaml", "ghcr.io/acme/shared:1.1"),
        ("scripted.yaml", "ghcr.io/acme/scripted:2.2"),
    ]
    assert "4 Chainsaw tests' assertions and resources expected to be denied (" in err

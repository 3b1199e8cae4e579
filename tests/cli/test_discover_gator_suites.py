"""A Gatekeeper gator suite (`kind: Suite`, `apiVersion: test.gatekeeper.sh/v1alpha1`) names for each case the object
`gator verify` evaluates offline against a constraint, and asserts its violations
(https://open-policy-agent.github.io/gatekeeper/website/docs/gator/). An object every case of which expects a
violation (`violations: yes`, or a count above 0) is one the policy denies: gator runs nothing, and an admission
webhook enforcing the constraint rejects it, so its images are pulled by no one and are not read. An object a case
expects to pass may be applied by the tree's tests as well (a policy library's integration test applies its
`example_allowed*.yaml` to a cluster): still read, and so is a file no suite names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _pod(name: str, image: str) -> str:
    head = f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n"
    return head + f"spec:\n  containers:\n  - name: app\n    image: {image}\n"


_SUITE = """\
kind: Suite
apiVersion: test.gatekeeper.sh/v1alpha1
metadata:
  name: allowedrepos
tests:
- name: repo-must-be-trusted
  template: template.yaml
  constraint: samples/trusted-repos/constraint.yaml
  cases:
  - name: example-allowed
    object: samples/trusted-repos/example_allowed.yaml
    assertions:
    - violations: no
  - name: container-disallowed
    object: samples/trusted-repos/example_disallowed.yaml
    assertions:
    - violations: yes
  - name: both-disallowed
    object: samples/trusted-repos/example_disallowed_both.yaml
    assertions:
    - violations: 2
    - message: initContainer
      violations: 1
"""

TREE = {
    "library/general/allowedrepos/suite.yaml": _SUITE,
    "library/general/allowedrepos/samples/trusted-repos/example_allowed.yaml": _pod("ok", "ghcr.io/trusted/app:1.2"),
    "library/general/allowedrepos/samples/trusted-repos/example_disallowed.yaml": _pod("bad", "untrusted/app:1.0"),
    "library/general/allowedrepos/samples/trusted-repos/example_disallowed_both.yaml": _pod("bad2", "evil/app:2.0"),
    # named by no suite: read
    "library/general/allowedrepos/samples/trusted-repos/example_extra.yaml": _pod("extra", "redis:7.2"),
}


def test_the_objects_a_gator_suite_expects_to_be_denied_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert sorted(record["written"] for record in json.loads(out)) == ["ghcr.io/trusted/app:1.2", "redis:7.2"]
    assert "2 objects gator suites expect a policy to deny" in err


def _objects_read(tmp_path: Path, suite: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    write_tree(tmp_path, {**TREE, "library/general/allowedrepos/suite.yaml": suite})
    assert main(["discover", ".", "--json"]) == 0
    return sorted(record["written"] for record in json.loads(capsys.readouterr()[0]))


_ALL = ["evil/app:2.0", "ghcr.io/trusted/app:1.2", "redis:7.2", "untrusted/app:1.0"]


def test_a_suite_declares_itself_in_its_first_4_kib_as_a_mapping_of_kind_suite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    late = "# " + "x" * 78 + "\n"
    assert _objects_read(tmp_path, late * 50 + _SUITE, capsys) == ["ghcr.io/trusted/app:1.2", "redis:7.2"]
    assert _objects_read(tmp_path, late * 51 + _SUITE, capsys) == _ALL  # its apiVersion past byte 4096
    assert _objects_read(tmp_path, _SUITE.replace("kind: Suite", "kind: Config"), capsys) == _ALL
    assert _objects_read(tmp_path, _SUITE + "---\nkind: Suite\n", capsys) == _ALL  # two documents: not read
    assert _objects_read(tmp_path, _SUITE + "  - [\n", capsys) == _ALL  # no YAML
    assert _objects_read(tmp_path, "- " + _SUITE.replace("\n", "\n  "), capsys) == _ALL  # no mapping

"""`discover` on a Go end-to-end suite of `package e2e` (or `e2e_test`) kept in a test directory (`test/`, `tests/`)
rather than one named `e2e`: the package's name marks the suite, which creates its YAML manifests and `kubectl run`
pods in the cluster it runs against."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SUITE = """\
package e2e_test

import "fmt"

const (
\tkindImage = "kindest/node:v1.33.1"
)

func (e *e2e) testCaseSleeper() {
\tconst sleeperPod = `
apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  containers:
  - image: quay.io/acme/test-sleeper:1.2
    name: sleeper
  restartPolicy: Never
`
\te.kubectl("create", "-f", sleeperPod)
\t_ = fmt.Sprintf("%s", kindImage)
}

func (e *e2e) kubectlRun(args ...string) string {
\treturn e.kubectl(append([]string{"run", "--rm", "--image=quay.io/acme/probe:latest"}, args...)...)
}
"""


DEBUG = """\
package e2e_test

func (e *e2e) testCaseDebug(pod string) {
\tout := e.kubectlOperatorNS("debug", "-it", pod,
\t\t"--image=quay.io/acme/debugger:1.0",
\t\t"--target=app", "--", "cat", "/log")
\te.logf("%s", out)
\te.run("printf", "--image=quay.io/acme/printed:1.0")
}
"""


def _listed(records: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public")


def test_a_package_e2e_suite_in_a_test_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"test/tc_sleeper_test.go": SUITE})
    assert _listed(discover_records(tmp_path, monkeypatch, capsys)) == [
        ("kindest/node:v1.33.1", "test/tc_sleeper_test.go", 6),
        ("quay.io/acme/probe:latest", "test/tc_sleeper_test.go", 26),
        ("quay.io/acme/test-sleeper:1.2", "test/tc_sleeper_test.go", 17),
    ]


def test_a_package_e2e_file_outside_a_test_directory_or_another_package_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "pkg/render/render_test.go": SUITE,  # a unit test of package e2e_test outside a test directory
        "test/unit/objects_test.go": SUITE.replace("package e2e_test", "package objects_test"),
    }
    write_tree(tmp_path, tree)
    assert _listed(discover_records(tmp_path, monkeypatch, capsys)) == []


def test_an_image_argument_of_a_kubectl_helper_given_its_verb_first_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"test/tc_debug_test.go": DEBUG})
    assert _listed(discover_records(tmp_path, monkeypatch, capsys)) == [
        ("quay.io/acme/debugger:1.0", "test/tc_debug_test.go", 5),
    ]

"""`discover` reads a kubectl or kind command a Go e2e test hands its own runner as the program and a slice literal
(`Exec("kubectl", []string{"-n", ns, "run", "test-pod", "--image", "hello-world"})`), as it reads docker's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

FUNCTIONAL_TEST = """\
package e2e

func (s *FunctionalSuite) TestCreateCalendarEventSource() {
	s.Given().
		When().
		Exec("kubectl", []string{"-n", fixtures.Namespace, "run", "test-pod", "--image", "hello-world",
			"-l", fixtures.Label + "=" + fixtures.LabelValue}, fixtures.OutputRegexp(`pod/.* created`)).
		Exec("kind", []string{"create", "cluster", "--image", "kindest/node:v1.31.0"}, nil)
	s.Log("kubectl", []string{"get", "pods", "-o", "yaml"})
}
"""


def test_a_cluster_command_given_as_a_slice_literal_after_the_program_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"test/e2e/functional_test.go": FUNCTIONAL_TEST})
    rows = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert rows == {
        ("test/e2e/functional_test.go", 6, "hello-world:latest", "public"),
        ("test/e2e/functional_test.go", 8, "kindest/node:v1.31.0", "public"),
    }


def test_a_slice_after_another_program_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FUNCTIONAL_TEST.replace('Exec("kubectl"', 'Exec("echo"').replace('Exec("kind"', 'Exec("printf"')
    write_tree(tmp_path, {"test/e2e/functional_test.go": text})
    assert discover_records(tmp_path, monkeypatch, capsys) == []

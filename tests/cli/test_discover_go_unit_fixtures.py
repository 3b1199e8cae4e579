"""Manifests under a Go package's `testdata/` that only its unit tests read (a `_test.go` of the package names them:
the file, a directory above it, `"./testdata/"+name`, or a fixtures package under `testdata/` embeds them) are fed to
the code under test offline (a health check, a differ, a chart renderer), never applied: `discover` does not read
them and counts them on stderr. A package under a directory of tests, one whose Go files reach a real cluster (a
kubeconfig, kubectl) or an e2e suite keeps its `testdata/` read, and so does a file no test of the package names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _pod(name: str, image: str) -> str:
    return (
        f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n"
        f"spec:\n  containers:\n  - name: main\n    image: {image}\n"
    )


_HEALTH_TEST = """\
package health

import "testing"

func TestPodHealth(t *testing.T) {
\tassertHealth(t, "./testdata/pod-crashloop.yaml", "Degraded")
\tassertHealth(t, "testdata/charts/redis", "Healthy")
}
"""

_KUSTOMIZE_TEST = """\
package kustomize

import "testing"

func fixture(name string) string { return "./testdata/" + name }

func TestBuild(t *testing.T) { build(t, fixture("overlay")) }
"""

_EMBED = """\
package testdata

import _ "embed"

//go:embed live-deployment.yaml
var LiveDeploymentYAML string
"""

_DIFF_TEST = """\
package diff

import (
\t"testing"

\t"example.com/app/pkg/diff/testdata"
)

func TestDiff(t *testing.T) { compare(t, testdata.LiveDeploymentYAML) }
"""

# an integration test of program code that applies its testdata to the kubeconfig's cluster
_APPLY_TEST = """\
package install

import (
\t"os/exec"
\t"testing"
)

func TestInstall(t *testing.T) {
\t_ = exec.Command("kubectl", "apply", "-f", "testdata/app.yaml").Run()
}
"""

TREE = {
    "pkg/health/health.go": "package health\n",
    "pkg/health/health_test.go": _HEALTH_TEST,
    "pkg/health/testdata/pod-crashloop.yaml": _pod("crash", "acme/crashing:1.0"),
    "pkg/health/testdata/charts/redis/values.yaml": "image:\n  repository: bitnami/redis\n  tag: 4.0.10\n",
    "pkg/health/testdata/charts/redis/templates/pod.yaml": _pod("redis", "acme/redis:4.0.10"),
    # under the same testdata/, named by no test of the package: read
    "pkg/health/testdata/spare.yaml": _pod("spare", "acme/spare:2.0"),
    "util/kustomize/kustomize.go": "package kustomize\n",
    "util/kustomize/kustomize_test.go": _KUSTOMIZE_TEST,
    "util/kustomize/testdata/overlay/deployment.yaml": _pod("web", "nginx:1.15.4"),
    "pkg/diff/diff.go": "package diff\n",
    "pkg/diff/diff_test.go": _DIFF_TEST,
    "pkg/diff/testdata/data.go": _EMBED,
    "pkg/diff/testdata/live-deployment.yaml": _pod("live", "acme/live:3.0"),
    # reaches a real cluster: read
    "pkg/install/install.go": "package install\n",
    "pkg/install/install_test.go": _APPLY_TEST,
    "pkg/install/testdata/app.yaml": _pod("app", "ghcr.io/acme/app:1.4.0"),
    # a suite under a directory of tests, whose helper applies its testdata: read
    "test/integration/smoke/smoke_test.go": (
        'package smoke\n\nfunc TestSmoke() { helper.Apply("testdata/smoke.yaml") }\n'
    ),
    "test/integration/smoke/testdata/smoke.yaml": _pod("smoke", "buoyantio/bb:v0.0.6"),
}


def test_manifests_only_a_go_packages_unit_tests_read_are_not_read_and_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    fields = ("file", "line", "reference", "status")
    found = sorted(tuple(record[name] for name in fields) for record in json.loads(out))
    assert found == [
        ("pkg/health/testdata/spare.yaml", 8, "acme/spare:2.0", "public"),
        ("pkg/install/testdata/app.yaml", 8, "ghcr.io/acme/app:1.4.0", "public"),
        ("test/integration/smoke/testdata/smoke.yaml", 8, "buoyantio/bb:v0.0.6", "public"),
    ]
    assert "5 manifests only a Go package's unit tests read (" in err


# a CLI command whose help text names the kubeconfig, and whose unit test renders its output and compares it with
# golden files under testdata/ (a function table naming them, joined to "testdata")
_INSTALL_COMMAND = """\
package install

import "github.com/spf13/cobra"

func newInstallCommand() *cobra.Command {
\treturn &cobra.Command{
\t\tUse:   "install",
\t\tShort: "Print the manifests that install the control plane",
\t\tLong: `Print the manifests that install the control plane.

This command requires that the KUBECONFIG environment is set`,
\t\t// the manifests go to "kubectl" apply: the command itself only prints them
\t}
}
"""

_INSTALL_TEST = """\
package install

import (
\t"path/filepath"
\t"testing"
)

func TestInstall(t *testing.T) {
\tfor _, given := range []struct{ goldenFile string }{{goldenFile: "install.with-helm-set.yaml"}} {
\t\tcompareGolden(t, render(), filepath.Join("testdata", given.goldenFile))
\t}
}
"""


def test_a_cluster_named_only_in_help_text_or_comments_does_not_keep_the_fixtures_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`KUBECONFIG` in a multi-line raw string (a command's help) and `"kubectl"` in a comment reach no cluster:
    the command's golden output under `testdata/`, `acme/control-plane:0.0.1` at the version the test sets, is
    not read."""
    tree = {
        "app/cli/install/install.go": _INSTALL_COMMAND,
        "app/cli/install/install_test.go": _INSTALL_TEST,
        "app/cli/install/testdata/install.with-helm-set.yaml": _pod("cp", "acme/control-plane:0.0.1"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "unit tests read" in err


# a linter of CI files: a unit test whose name holds `GetConfig` (a getter of the linter's own configuration) and a
# test reading every workflow of a `testdata/` subdirectory it joins
_RULE_TEST = """\
package lint

import "testing"

func TestRuleBaseSetGetConfig(t *testing.T) { checkConfig(t, newRule().GetConfigValue()) }
"""

_LINTER_TEST = """\
package lint

import (
\t"path/filepath"
\t"testing"
)

func TestLintErrors(t *testing.T) {
\tfor _, subdir := range []string{"err", "ok"} {
\t\tlintAll(t, filepath.Join("testdata", subdir))
\t}
}
"""

_FIXTURE_WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container: acme/linted:1.0
    services:
      cache:
        image: acme/cache:2.0
    steps:
      - run: echo hi
"""

# a package whose code asks controller-runtime for the kubeconfig's cluster: its testdata stays read
_CONTROLLER_TEST = """\
package controller

import (
\t"testing"

\tctrl "sigs.k8s.io/controller-runtime"
)

func TestApply(t *testing.T) { apply(t, ctrl.GetConfigOrDie(), "testdata/app.yaml") }
"""


def test_an_identifier_holding_get_config_reaches_no_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`GetConfig` names controller-runtime's kubeconfig client only as a word of its own (`ctrl.GetConfigOrDie()`,
    `config.GetConfig()`): a test function `TestRuleBaseSetGetConfig` of a workflow linter reaches no cluster, so
    the workflows its tests lint under `testdata/` (`acme/linted:1.0`, `acme/cache:2.0`) are not read, while a
    controller's test calling `ctrl.GetConfigOrDie()` keeps its `testdata/app.yaml` read."""
    tree = {
        "lint.go": "package lint\n",
        "rule_test.go": _RULE_TEST,
        "linter_test.go": _LINTER_TEST,
        "testdata/err/bad_container.yaml": _FIXTURE_WORKFLOW,
        "internal/controller/controller.go": "package controller\n",
        "internal/controller/controller_test.go": _CONTROLLER_TEST,
        "internal/controller/testdata/app.yaml": _pod("app", "ghcr.io/acme/app:1.4.0"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [record["reference"] for record in json.loads(out)] == ["ghcr.io/acme/app:1.4.0"]
    assert "1 manifests only a Go package's unit tests read (" in err


_INDENTED_EMBED = """\
package testdata

import _ "embed"

var (
\t//go:embed ssd-deploy-live.yaml
\tDeploymentLiveYAML string

\t//go:embed ssd-deploy-config.yaml
\tDeploymentConfigYAML string
)
"""


def test_embed_directives_indented_in_a_var_block_name_their_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """gofmt indents the `//go:embed` directives of a `var ( ... )` block; the go tool reads them there too: the
    fixtures package's embedded manifests (`acme/live:3.0`, `acme/config:3.0`) are unit-test inputs, not read."""
    tree = {
        "pkg/diff/diff.go": "package diff\n",
        "pkg/diff/diff_test.go": _DIFF_TEST,
        "pkg/diff/testdata/data.go": _INDENTED_EMBED,
        "pkg/diff/testdata/ssd-deploy-live.yaml": _pod("live", "acme/live:3.0"),
        "pkg/diff/testdata/ssd-deploy-config.yaml": _pod("config", "acme/config:3.0"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "2 manifests only a Go package's unit tests read (" in err


_PROJECT_TEST = """\
package lint

import (
\t"path/filepath"
\t"testing"
)

func TestLocalActions(t *testing.T) { lintProject(t, filepath.Join("testdata", "projects")) }
"""


def test_action_metadata_a_linters_unit_tests_name_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub runs an action only where a workflow uses it: an `action.yaml` under a Go package's `testdata/` that
    its unit tests lint (`runs.image: docker://acme/action-base:9`) is not read; the repository's own action is."""
    tree = {
        "lint.go": "package lint\n",
        "project_test.go": _PROJECT_TEST,
        "testdata/projects/docker_action/action.yaml": (
            "name: x\ndescription: x\nruns:\n  using: docker\n  image: docker://acme/action-base:9\n"
        ),
        "action.yml": "name: y\ndescription: y\nruns:\n  using: docker\n  image: docker://acme/real:1.0\n",
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [record["reference"] for record in json.loads(out)] == ["acme/real:1.0"]
    assert "1 manifests only a Go package's unit tests read (" in err

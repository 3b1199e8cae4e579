"""A fixture directory beside a Go package's unit test that is not named `testdata` but says it is for tests
(`testpodspec/`, `helpers_test_data/`, `fixtures/`), holds no Go file, and is named only by the package's
`_test.go` files (`runCases(t, "testpodspec", true)`), in a program package that reaches no cluster, is read by
those unit tests offline: its manifests are not read. One the package's own code embeds or names, one whose name
does not say it is for tests (a package's `manifests/`, which a unit test may check before they are deployed), one of
a package with only tests, or of a package reaching a cluster, stays read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_ANNOTATE_TEST = """\
package annotate_test

import "testing"

func TestPodSpecAnnotations(t *testing.T) { runCases(t, "testpodspec", true) }
"""

_RENDER = """\
package render

import "embed"

//go:embed testmanifests
var manifests embed.FS
"""

_RENDER_TEST = 'package render\n\nfunc TestRender(t *testing.T) { renderDir(t, "testmanifests") }\n'

_DEPLOY_TEST = 'package deploy\n\nfunc TestManifests(t *testing.T) { validate(t, "./manifests/operator.yaml") }\n'

_CHECK_TEST = 'package check\n\nfunc TestResources(t *testing.T) { validate(t, "test-resources/") }\n'

_APPLY_TEST = """\
package apply

import (
\t"os/exec"
\t"testing"
)

func TestApply(t *testing.T) {
\t_ = exec.Command("kubectl", "apply", "-f", "test-manifests").Run()
}
"""

_GEN = 'package gen\n\nconst defaults = "fixtures/defaults.yaml"\n'

_GEN_TEST = 'package gen\n\nfunc TestGen(t *testing.T) { load(t, "fixtures/defaults.yaml") }\n'


def _deployment(image: str) -> str:
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
        f"      containers:\n      - name: web\n        image: {image}\n"
    )


def test_a_test_fixture_directory_only_a_unit_test_names_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "go.mod": "module example.com/gitops\n",
        "pkg/cmd/annotate/annotate.go": "package annotate\n",
        "pkg/cmd/annotate/annotate_test.go": _ANNOTATE_TEST,
        "pkg/cmd/annotate/testpodspec/cronjob/source.yaml": _deployment("ghcr.io/acme/boot:3.7.8"),
        "pkg/cmd/annotate/testpodspec/deploy/source.yaml": _deployment("acme/external-dns:0.12.2"),
        # embedded by the package's code: read
        "pkg/render/render.go": _RENDER,
        "pkg/render/render_test.go": _RENDER_TEST,
        "pkg/render/testmanifests/app.yaml": _deployment("acme/rendered:1.0"),
        # a name that does not say it is for tests: read
        "pkg/deploy/deploy.go": "package deploy\n",
        "pkg/deploy/deploy_test.go": _DEPLOY_TEST,
        "pkg/deploy/manifests/operator.yaml": _deployment("ghcr.io/acme/operator:2.1.0"),
        # a package of tests only: read
        "pkg/check/check_test.go": _CHECK_TEST,
        "pkg/check/test-resources/job.yaml": _deployment("acme/job:1.2"),
        # reaches a cluster: read
        "pkg/apply/apply.go": "package apply\n",
        "pkg/apply/apply_test.go": _APPLY_TEST,
        "pkg/apply/test-manifests/app.yaml": _deployment("acme/applied:3.0"),
        # named by the package's own code: read
        "pkg/gen/gen.go": _GEN,
        "pkg/gen/gen_test.go": _GEN_TEST,
        "pkg/gen/fixtures/defaults.yaml": _deployment("acme/defaults:4.0"),
        # holds Go code: read
        "pkg/sync/sync.go": "package sync\n",
        "pkg/sync/sync_test.go": 'package sync\n\nfunc TestSync(t *testing.T) { load(t, "testhelpers") }\n',
        "pkg/sync/testhelpers/helpers.go": "package testhelpers\n",
        "pkg/sync/testhelpers/pod.yaml": _deployment("acme/helper:5.0"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert sorted(record["written"] for record in json.loads(out)) == [
        "acme/applied:3.0",
        "acme/defaults:4.0",
        "acme/helper:5.0",
        "acme/job:1.2",
        "acme/rendered:1.0",
        "ghcr.io/acme/operator:2.1.0",
    ]
    assert "2 manifests in a Go package's test fixture directory only its unit tests read (" in err

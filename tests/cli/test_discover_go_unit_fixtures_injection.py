"""A knative-style reconciler package reads the REST config its caller put in the context, `injection.GetConfig(ctx)`
(knative.dev/pkg/injection, the same in karpenter's `operator/injection`: the config `WithConfig` stored, which
sharedmain sets up in the controller binary): the package makes no client from a kubeconfig itself, so the manifests
its unit tests load from `testdata/` with `path.Join("testdata", ...)` and transform offline are not read. A package
asking controller-runtime for the kubeconfig, `config.GetConfig()`, keeps its `testdata/` read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_INIT = """\
package common

import (
\t"context"

\t"knative.dev/pkg/injection"
)

func NewClient(ctx context.Context) (Client, error) { return newClient(injection.GetConfig(ctx)) }
"""

_TRANSFORM_TEST = """\
package common

import (
\t"path"
\t"testing"
)

func TestReplaceImage(t *testing.T) {
\ttestData := path.Join("testdata", "replace-image.yaml")
\tmanifest := loadManifest(t, testData)
\tassertImages(t, transform(manifest), "acme/replaced:2.0")
}
"""

_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller
spec:
  selector:
    matchLabels: {app: controller}
  template:
    metadata:
      labels: {app: controller}
    spec:
      containers:
      - name: controller
        image: ghcr.io/acme/controller:v0.44.0
"""

_CONTROLLER_RUNTIME = """\
package apply

import "sigs.k8s.io/controller-runtime/pkg/client/config"

func Client() (Client, error) { return newClient(config.GetConfig()) }
"""


def test_a_config_taken_from_the_context_reaches_no_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "pkg/reconciler/common/initcontroller.go": _INIT,
        "pkg/reconciler/common/transformers_test.go": _TRANSFORM_TEST,
        "pkg/reconciler/common/testdata/replace-image.yaml": _DEPLOYMENT,
        "pkg/apply/client.go": _CONTROLLER_RUNTIME,
        "pkg/apply/apply_test.go": _TRANSFORM_TEST.replace("package common", "package apply"),
        "pkg/apply/testdata/replace-image.yaml": _DEPLOYMENT.replace("controller:v0.44.0", "applied:v1.0.0"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [record["reference"] for record in json.loads(out)] == ["ghcr.io/acme/applied:v1.0.0"]
    assert "1 manifests only a Go package's unit tests read (" in err

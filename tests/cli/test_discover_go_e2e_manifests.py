"""`discover` on Go end-to-end suites that write the objects they create as YAML in raw strings (text/template
manifests applied with kubectl) or name their images in constants under an `e2e` directory without a build tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TEMPLATED = """\
//go:build e2e

package ingress_test

import "testing"

type templateData struct {
\tNamespace string
\tImage     string
}

const (
\tdeploymentTemplate = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{.Name}}
  namespace: {{.Namespace}}
spec:
  template:
    spec:
      containers:
        - name: backend
          image: registry.k8s.io/e2e-test-images/agnhost:2.53
          args: ["netexec"]
        - name: sidecar
          image: {{.Image}}
`

\tloadJobTemplate = `
apiVersion: batch/v1
kind: Job
metadata:
  name: load
spec:
  template:
    spec:
      containers:
      - name: client
        image: "ghcr.io/acme/load-client"   # untagged: latest
        command: ["curl", "-H", "Host: {{.Host}}", "gateway:8080"]
`
)

// usage: write the image as `image: nginx:1.27` in a template of your own
func TestIngress(t *testing.T) {
\tKubectlApplyWithTemplate(t, templateData{}, "deploymentTemplate", deploymentTemplate)
}
"""

UNIT = TEMPLATED.replace("//go:build e2e\n", "").replace("agnhost", "fake-agnhost").replace("load-client", "fake")

METRICS = """\
package metrics

import (
\t"github.com/onsi/ginkgo/v2"
\t"go.acme.dev/lb/e2etest/pkg/executor"
)

const ProbeImage = "registry.k8s.io/e2e-test-images/agnhost:2.43"

const promService = "prometheus-k8s:9090"

func Scrape(cs Client, pod Pod) (string, error) {
\texec, err := executor.ForPodDebug(cs, pod.Namespace, pod.Name, "prometheus", ProbeImage)
\tif err != nil {
\t\treturn "", err
\t}
\treturn exec.Exec("curl", promService)
}
"""

POLICIES = """\
package netpoltests

import "github.com/onsi/ginkgo/v2"

const probeImage = "registry.k8s.io/e2e-test-images/agnhost:2.47"

var probe = corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "probe", Image: probeImage}}}}
"""

SCAFFOLD = """\
package e2e

import (
\t"os/exec"

\t. "github.com/onsi/ginkgo/v2"
)

var (
\t// projectImage is the image the suite builds and loads into kind
\tprojectImage = "example.com/acme-operator:v0.0.1"
\tbusyboxImage = "busybox:1.36"
)

var _ = BeforeSuite(func() {
\tcmd := exec.Command("make", "docker-build", fmt.Sprintf("IMG=%s", projectImage))
\t_, _ = utils.Run(cmd)
\t_ = utils.LoadImageToKindClusterWithName(projectImage)
\t_ = utils.RunPod("probe", busyboxImage)
})
"""


def _listed(records: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public")


def test_yaml_templates_in_raw_strings_of_an_e2e_suite_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/checks/ingress/ingress_test.go": TEMPLATED, "pkg/render/render_test.go": UNIT})
    assert _listed(discover_records(tmp_path, monkeypatch, capsys)) == [
        ("ghcr.io/acme/load-client:latest", "tests/checks/ingress/ingress_test.go", 40),
        ("registry.k8s.io/e2e-test-images/agnhost:2.53", "tests/checks/ingress/ingress_test.go", 24),
    ]


def test_image_constants_of_go_code_under_an_e2e_directory_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "e2etest/pkg/metrics/metrics.go": METRICS,
        "e2etest/netpoltests/policies.go": POLICIES,
        "internal/metrics/metrics.go": METRICS.replace("agnhost:2.43", "fake:1.0"),
        "test/e2e/e2e_suite_test.go": SCAFFOLD,
    }
    write_tree(tmp_path, tree)
    assert _listed(discover_records(tmp_path, monkeypatch, capsys)) == [
        ("busybox:1.36", "test/e2e/e2e_suite_test.go", 12),
        ("registry.k8s.io/e2e-test-images/agnhost:2.43", "e2etest/pkg/metrics/metrics.go", 8),
        ("registry.k8s.io/e2e-test-images/agnhost:2.47", "e2etest/netpoltests/policies.go", 7),
    ]


QUOTED_KIND = """\
//go:build e2e

package graphdb_test

const clusterTemplate = `apiVersion: "database.example.com/v1"
kind: "GraphDeployment"
metadata:
  name: "graph"
  namespace: {{.Namespace}}
spec:
  mode: Single
  image: "example/graphdb:3.10.1"
`
"""


def test_an_object_whose_kind_is_written_quoted_is_read_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/scalers/graphdb/helper.go": QUOTED_KIND})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {(12, "example/graphdb:3.10.1", "public")}


DATA_FILLED = """\
//go:build e2e

package broker_test

const (
\tbrokerVersion = "2.10.2"
)

type templateData struct {
\tNamespace     string
\tBrokerVersion string
\tClientImage   string
}

const brokerTemplate = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: broker
  namespace: {{.Namespace}}
spec:
  template:
    spec:
      containers:
      - name: broker
        image: example/broker:{{.BrokerVersion}}
      - name: client
        image: {{.ClientImage}}
`

func getTemplateData(image string) templateData {
\treturn templateData{
\t\tNamespace:     "broker-ns",
\t\tBrokerVersion: brokerVersion,
\t\tClientImage:   image,
\t}
}
"""


def test_a_template_action_the_file_fills_from_a_constant_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/scalers/broker/helper.go": DATA_FILLED})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {(25, "example/broker:2.10.2", "public")}


JOINED = """\
package filter_test

import (
	"testing"

	"sigs.k8s.io/e2e-framework/pkg/features"
)

const (
\tshellImage = "ubuntu:24.04@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

var shellPod = `
apiVersion: v1
kind: Pod
metadata:
  name: shell
spec:
  containers:
  - name: shell
    image: ` + shellImage + `
    command: ["sleep", "infinity"]
`

func podOf(image string) string {
\treturn `
apiVersion: v1
kind: Pod
metadata:
  name: other
spec:
  containers:
  - name: other
    image: ` + image + `
`
}

func TestFilter(t *testing.T) { _ = features.New(podOf("busybox")) }
"""


def test_an_image_constant_joined_into_a_raw_manifest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/e2e/tests/filter/filter_test.go": JOINED})
    records = discover_records(tmp_path, monkeypatch, capsys)
    image = "ubuntu:24.04@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    # the suite's constant at its line, and the manifest joining it at its `image:` line; `podOf`'s parameter is not
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tests/e2e/tests/filter/filter_test.go", 10, image, "public"),
        (
            "tests/e2e/tests/filter/filter_test.go",
            21,
            "ubuntu:24.04@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "public",
        ),
    }


HEADERLESS = """\
//go:build e2e

package test

import (
\t"fmt"
\t"testing"

\t"github.com/tektoncd/pipeline/test/parse"
)

func TestGitCredentials(t *testing.T) {
\tsetup := parse.MustParseV1TaskRun(t, fmt.Sprintf(`
metadata:
  name: %s
  namespace: %s
spec:
  taskSpec:
    steps:
    - image: docker.io/alpine/curl:8.9.1
      script: curl -sf http://gitea:3000
`, "creds", "ns"))
\t_ = setup
\tvalues := parseValues(`
image: example/not-an-object:1
`)
\t_ = values
\t_ = parse.MustParseV1beta1Task(t, fmt.Sprintf(v1beta1TaskYaml, "conv", "ns"))
}

const v1beta1TaskYaml = `
metadata:
  name: %s
  namespace: %s
spec:
  steps:
  - name: step
    image: gcr.io/google.com/cloudsdktool/cloud-sdk:alpine
`
"""


def test_an_object_a_parse_helper_gives_its_header_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tekton's `test/parse` helpers (`parse.MustParseV1TaskRun(t, yaml)`) prepend `apiVersion` and `kind` to the
    YAML they are given: the raw string is an object without its header."""
    write_tree(tmp_path, {"test/git_credentials_test.go": HEADERLESS})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (20, "alpine/curl:8.9.1", "public"),
        (38, "gcr.io/google.com/cloudsdktool/cloud-sdk:alpine", "public"),
    }

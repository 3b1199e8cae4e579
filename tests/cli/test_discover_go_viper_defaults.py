"""`ecr-mirror discover` reads the images a Go program's configuration defaults with viper
(`v.SetDefault(KEY, VALUE)`, https://pkg.go.dev/github.com/spf13/viper#SetDefault): a key naming an image with a
tagged reference, a `...images::X::repository` key paired with its `...::tag`, and the `repository`/`tag` (and
`registry`) entries of a map a default names an image with (a chart's `image` values, a list of autoscaler images one
per Kubernetes version). A test's defaults, an untagged value and a repository of no image (a chart's) are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.go_viper_defaults import viper_default_images
from tests.support.hang_guard import finishes
from tests.support.trees import tree_rows

GO_MOD = "module example.com/pipeline\n\ngo 1.22\n"

CONFIG = """\
package cmd

func configure(v *viper.Viper) {
\tv.SetDefault("cluster::monitoring::images::operator::repository", "quay.io/prometheus-operator/prometheus-operator")
\tv.SetDefault("cluster::monitoring::images::operator::tag", "v0.44.1")
\tv.SetDefault("cluster::logging::images::loki::repository", "grafana/loki")
\tv.SetDefault("cluster::logging::images::loki::tag", "v1.3.0")
\tv.SetDefault("cluster::charts::externalDns::repository", "https://charts.bitnami.com/bitnami")
\tv.SetDefault("cluster::charts::externalDns::version", "6.12.2")
\tv.SetDefault("cluster::posthook::image", "banzaicloud/posthook:0.3.1")
\tv.SetDefault("cluster::sidecar::image", "banzaicloud/sidecar")
\tv.SetDefault("cluster::dns::charts::externalDns::values", map[string]interface{}{
\t\t"image": map[string]interface{}{
\t\t\t"registry":   "k8s.gcr.io",
\t\t\t"repository": "external-dns/external-dns",
\t\t\t"tag":        "v0.7.5",
\t\t},
\t})
\tv.SetDefault("cluster::autoscale::imageVersionConstraints", []interface{}{
\t\tmap[string]interface{}{
\t\t\t"k8sVersion": "<=1.12.x",
\t\t\t"tag":        "v1.12.8",
\t\t\t"repository": "gcr.io/google-containers/cluster-autoscaler",
\t\t},
\t\tmap[string]interface{}{"tag": "v1.23.0", "repository": "k8s.gcr.io/autoscaling/cluster-autoscaler"},
\t})
\tv.SetDefault("cluster::backup::charts::velero::values", map[string]interface{}{
\t\t"configuration": map[string]interface{}{"repository": "s3", "tag": "x"},
\t})
}
"""

TEST = """\
package cmd

func TestDefaults(t *testing.T) {
\tv.SetDefault("cluster::posthook::image", "acme/fixture:1.0")
}
"""


def test_a_go_programs_viper_defaults_name_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"go.mod": GO_MOD, "internal/cmd/config.go": CONFIG, "internal/cmd/config_test.go": TEST}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert {(file, kind, use) for file, _, kind, use, _, _ in rows} == {
        ("internal/cmd/config.go", "Go source", "viper default (Go program)")
    }
    assert sorted((line, reference) for _, line, _, _, reference, _ in rows) == [
        (4, "quay.io/prometheus-operator/prometheus-operator:v0.44.1"),
        (6, "grafana/loki:v1.3.0"),
        (10, "banzaicloud/posthook:0.3.1"),
        (15, "k8s.gcr.io/external-dns/external-dns:v0.7.5"),
        (23, "gcr.io/google-containers/cluster-autoscaler:v1.12.8"),
        (25, "k8s.gcr.io/autoscaling/cluster-autoscaler:v1.23.0"),
    ]


def test_viper_default_images_stay_linear_on_hostile_input() -> None:
    hostile = (
        "package x\n"
        + 'v.SetDefault("a::image", map[string]interface{}{' * 30_000
        + '"repository": "a/b", "tag": "1"'
        + "}" * 10
    )
    assert [item.text for item in finishes(viper_default_images, hostile, "internal/cmd/config.go")] == ["a/b:1"]

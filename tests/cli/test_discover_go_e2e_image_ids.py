"""`ecr-mirror discover` reads the images a Go e2e suite takes from the Kubernetes test image list
(`imageutils.GetE2EImage(imageutils.BusyBox)`, package `k8s.io/kubernetes/test/utils/image`), at the version the
module vendors: the registry, name and version its `manifest.go` gives that image ID."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SUITE = """\
package testsuites

import (
\tv1 "k8s.io/api/core/v1"
\timageutils "k8s.io/kubernetes/test/utils/image"
)

func podSpec(command string) v1.PodSpec {
\treturn v1.PodSpec{
\t\tContainers: []v1.Container{{
\t\t\tName:    "volume-tester",
\t\t\tImage:   imageutils.GetE2EImage(imageutils.BusyBox),
\t\t\tCommand: []string{"/bin/sh", "-c", command},
\t\t}, {
\t\t\tName:  "web",
\t\t\tImage: imageutils.GetE2EImage(imageutils.Nginx),
\t\t}},
\t}
}
"""

MANIFEST = """\
package image

// RegistryList holds public and private image registries
type RegistryList struct {
\tPromoterE2eRegistry string `yaml:"promoterE2eRegistry"`
\tPrivateRegistry     string `yaml:"privateRegistry"`
}

var (
\tinitRegistry = RegistryList{
\t\tPromoterE2eRegistry: "registry.k8s.io/e2e-test-images",
\t\tPrivateRegistry:     "gcr.io/k8s-authenticated-test",
\t}
)

func initImageConfigs(list RegistryList) (map[ImageID]Config, map[ImageID]Config) {
\tconfigs := map[ImageID]Config{}
\tconfigs[AgnhostPrivate] = Config{list.PrivateRegistry, "agnhost", "2.6"}
\tconfigs[BusyBox] = Config{list.PromoterE2eRegistry, "busybox", "1.36.1-1"}
\tconfigs[Nginx] = Config{list.PromoterE2eRegistry, "nginx", "1.14-4"}
\treturn configs, nil
}
"""


def test_an_e2e_image_id_is_the_image_the_vendored_manifest_gives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "go.mod": "module example.invalid/driver\n\ngo 1.24\n",
            "test/e2e/testsuites/specs.go": SUITE,
            "vendor/k8s.io/kubernetes/test/utils/image/manifest.go": MANIFEST,
        },
    )
    records = {
        (r["file"], r["line"], r["reference"], r["use"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert records == {
        (
            "test/e2e/testsuites/specs.go",
            12,
            "registry.k8s.io/e2e-test-images/busybox:1.36.1-1",
            "GetE2EImage(BusyBox)",
        ),
        ("test/e2e/testsuites/specs.go", 16, "registry.k8s.io/e2e-test-images/nginx:1.14-4", "GetE2EImage(Nginx)"),
    }


def test_without_the_vendored_manifest_nothing_is_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"go.mod": "module example.invalid/driver\n", "test/e2e/specs.go": SUITE})
    assert [r for r in discover_records(tmp_path, monkeypatch, capsys) if r["status"] == "public"] == []

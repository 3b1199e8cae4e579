"""`discover` on a Go end-to-end suite that writes its images as a registry constant joined with a name and tag,
through a pointer helper (`ptr.To(defaultImageRegistry + "pd:master-next-gen")`), assigned to an object's `.Image`
field, or handed to a functional option with type arguments (`data.WithImage[scope.PDGroup]("...")`), as Ginkgo
suites of Kubernetes operators build their custom resources."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SUITE = """\
package e2e

import (
	"k8s.io/utils/ptr"
)

const (
	defaultVersion       = "v8.5.2"
	defaultImageRegistry = "gcr.io/example-public/dbaas/"
)

func newPDGroup() *PDGroup {
	return &PDGroup{Spec: PDTemplateSpec{
		Version: defaultVersion,
		Image:   ptr.To(defaultImageRegistry + "pd"),
	}}
}

func withNextGen(obj *PDGroup) {
	obj.Spec.Template.Spec.Image = ptr.To(defaultImageRegistry + "pd:master-next-gen")
	obj.Spec.Template.Spec.Router.Image = ptr.To("gcr.io/example-public/nextgen/" + "router:master-next-gen")
	if obj.Spec.Template.Spec.Image == "gcr.io/example-public/dbaas/pd:compared" {
		return
	}
}

var standby = []GroupPatch{
	data.WithImage[scope.TiDBGroup]("gcr.io/example-public/dbaas/tidb:master-next-gen"),
	data.WithReplicas[scope.TiDBGroup](1),
}
"""


def test_joined_and_assigned_images_of_an_e2e_suite_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/e2e/groups.go": SUITE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tests/e2e/groups.go", 20, "gcr.io/example-public/dbaas/pd:master-next-gen", "public"),
        ("tests/e2e/groups.go", 21, "gcr.io/example-public/nextgen/router:master-next-gen", "public"),
        ("tests/e2e/groups.go", 28, "gcr.io/example-public/dbaas/tidb:master-next-gen", "public"),
    }


SUITE_FILE = """\
package tidb

import (
	"github.com/onsi/ginkgo/v2"

	"github.com/example/operator/tests/e2e/data"
)

var _ = ginkgo.Describe("TiDB", func() {
	ginkgo.It("starts", func() { data.NewPDGroup("ns") })
})
"""

DATA = """\
package data

const (
	defaultVersion       = "v8.5.2"
	defaultImageRegistry = "gcr.io/example-public/dbaas/"
)
"""

PD = """\
package data

func NewPDGroup(ns string) *PDGroup {
	return &PDGroup{Spec: PDTemplateSpec{Version: defaultVersion, Image: ptr.To(defaultImageRegistry + "pd")}}
}

func WithNextGen(obj *PDGroup) {
	obj.Spec.Template.Spec.Image = ptr.To(defaultImageRegistry + "pd:master-next-gen")
}
"""


def test_a_helper_package_s_fields_take_the_registry_another_file_of_the_package_binds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "go.mod": "module github.com/example/operator\n\ngo 1.25\n",
            "tests/e2e/tidb/standby.go": SUITE_FILE,
            "tests/e2e/data/data.go": DATA,
            "tests/e2e/data/pd.go": PD,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("tests/e2e/data/pd.go", 8, "gcr.io/example-public/dbaas/pd:master-next-gen", "public"),
    }

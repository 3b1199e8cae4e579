"""An e2e suite hands its framework package's helper the image of the object it builds (`e2e.NewPlan(name,
"library/alpine:3.18", ...)` with `func (c *Client) NewPlan(name, image string, ...)` putting `image` in an `Image:`
field): listed at the suite's call, not a literal handed to another parameter or a helper of an unrelated file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

FRAMEWORK = """\
package framework

import (
\t"github.com/onsi/ginkgo/v2"

\tupgradeapiv1 "example.com/upgrader/pkg/apis/upgrade.example.com/v1"
)

func (c *Client) NewPlan(name, image string, command []string, args ...string) *upgradeapiv1.Plan {
\tplan := upgradeapiv1.NewPlan("", "", upgradeapiv1.Plan{
\t\tSpec: upgradeapiv1.PlanSpec{
\t\t\tUpgrade: &upgradeapiv1.ContainerSpec{
\t\t\t\tImage:   image,
\t\t\t\tCommand: command,
\t\t\t\tArgs:    args,
\t\t\t},
\t\t},
\t})
\tplan.GenerateName = name
\tginkgo.GinkgoWriter.Println(plan.GenerateName)
\treturn plan
}
"""

SUITE = """\
package suite_test

import (
\t. "github.com/onsi/ginkgo/v2"

\t"example.com/upgrader/e2e/framework"
)

var _ = Describe("Job Generation", func() {
\te2e := framework.New("generate")
\tBeforeEach(func() {
\t\tplan := e2e.NewPlan("fail-then-succeed-", "library/alpine:3.18", []string{"sh", "-c"}, "exit 1")
\t\tnamed := e2e.NewPlan("acme/not-an-image:1", "local-build", nil)
\t\t_, _ = plan, named
\t})
})
"""

UNIT = """\
package upgrade

func describe() {
\t_ = NewPlan("x", "acme/unit-fixture:1", nil)
}
"""


def test_a_suite_call_of_its_framework_helper_lists_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "go.mod": "module example.com/upgrader\n\ngo 1.24\n",
            "e2e/framework/framework.go": FRAMEWORK,
            "e2e/suite/job_generate_test.go": SUITE,
            "pkg/upgrade/plan.go": UNIT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["reference"], r["file"], r["line"], r["use"]) for r in records if r["status"] == "public"] == [
        ("alpine:3.18", "e2e/suite/job_generate_test.go", 12, "Image (e2e helper NewPlan)"),
    ]

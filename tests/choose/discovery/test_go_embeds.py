"""The manifest templates a Go program's `//go:embed` directives name (https://pkg.go.dev/embed)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_embeds import embedded_templates

SOURCE = """\
package tekton

//go:embed task-build.yaml.tmpl "templates/*.yml.tpl" `raw.yaml.tpl`
var tasks embed.FS

//go:embed all:hidden/*.yaml.tmpl ../up.yaml.tmpl config.yaml banner.txt
var more embed.FS
"""


def test_the_templates_a_program_embeds() -> None:
    assert embedded_templates(SOURCE, "pkg/tekton/tasks.go") == [
        "task-build.yaml.tmpl",
        "templates/*.yml.tpl",
        "raw.yaml.tpl",
        "hidden/*.yaml.tmpl",
    ]


def test_a_test_embeds_inputs_not_manifests_it_applies() -> None:
    assert embedded_templates(SOURCE, "pkg/tekton/tasks_test.go") == []
    assert embedded_templates(SOURCE, "test/e2e/tasks.go") == []

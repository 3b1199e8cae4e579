"""`discover` on a Terraform provider whose acceptance tests fill `.tf` templates of the tree with `fmt.Sprintf`:
the images a call hands a template's resources (go_terraform_templates.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.go_terraform_templates import go_format
from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_IMAGE_TEMPLATE = 'resource "docker_image" "app" {\n  name = "%s"\n}\n'
_TAG_TEMPLATE = (
    'resource "docker_image" "src" {\n  name = "nginx:1.27"\n}\n\n'
    'resource "docker_tag" "t" {\n  source_image = "%s"\n  target_image = "%s"\n}\n'
)
_CONTAINER_TEMPLATE = 'resource "docker_container" "c" {\n  name  = %q\n  image = %q\n}\n'
_TEST = """\
package provider

const pinned = "redis:7.4@sha256:1111111111111111111111111111111111111111111111111111111111111111"

func TestImageName(t *testing.T) {
\tresource.Test(t, resource.TestCase{
\t\tSteps: []resource.TestStep{
\t\t\t{Config: fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_image", "testAccImageName"), "ubuntu:jammy")},
\t\t\t{Config: fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_image", "testAccImageName"), pinned)},
\t\t\t{Config: fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_image", "testAccImageName"), image)},
\t\t\t{Config: fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_tag", "testAccTag"), "nginx:gone", "x:1")},
\t\t},
\t})
}

func TestContainer(t *testing.T) {
\tname := "web"
\timage := "caddy:2.8"
\t_ = fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_container", "testAccContainer"), name, image)
\t// _ = fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_container", "testAccContainer"), "x", "commented:1")
\t_ = fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_container", "testAccContainer"), "only-one")
}
"""


def test_the_images_a_go_test_fills_into_a_terraform_template_of_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "testdata/resources/docker_image/testAccImageName.tf": _IMAGE_TEMPLATE,
            "testdata/resources/docker_tag/testAccTag.tf": _TAG_TEMPLATE,
            "testdata/resources/docker_container/testAccContainer.tf": _CONTAINER_TEMPLATE,
            "internal/provider/resource_test.go": _TEST,
        },
    )
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    found = [(r["file"], r["line"], r["written"], r["use"]) for r in records if r["status"] == "public"]
    go = "internal/provider/resource_test.go"
    assert sorted(found) == [
        (go, 8, "ubuntu:jammy", "docker_image name"),
        (
            go,
            9,
            "redis:7.4@sha256:1111111111111111111111111111111111111111111111111111111111111111",
            "docker_image name",
        ),
        (go, 19, "caddy:2.8", "docker_container image"),
        ("testdata/resources/docker_tag/testAccTag.tf", 2, "nginx:1.27", "docker_image name"),
    ]
    # `image` has no value where the first test uses it; the docker_tag resource pulls nothing (`nginx:gone`);
    # the template's own `%s` stays unresolved at its line
    assert not any("gone" in (r["written"] or "") for r in records)


def test_go_format_fills_verbs_in_order_and_refuses_a_count_it_cannot_match() -> None:
    assert go_format('name = "%s" # 100%%', ["a:1"]) == 'name = "a:1" # 100%'
    assert go_format("name = %q", ['say "hi"']) == 'name = "say \\"hi\\""'
    assert go_format('a = "%s"', []) is None
    assert go_format('a = "%s"', ["x", "y"]) is None
    assert go_format('a = "%[1]s"', ["x"]) is None

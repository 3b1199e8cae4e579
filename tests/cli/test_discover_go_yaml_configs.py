"""`ecr-mirror discover` reads the YAML file a tree's own Go tool reads when a Makefile runs it with `go run`, for
the values of the key (a struct field's `yaml:"..."` tag) the tool hands `docker pull` or `docker create`: a fixture
manager whose `config.yaml` lists the images it pulls to copy files out of."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_MOD = "module example.com/fixtures\n\ngo 1.22\n"

MAIN = """\
package main

import "example.com/fixtures/tools/fetcher/internal"

func main() {
\tinternal.Run()
}
"""

CONFIG_GO = """\
package internal

import (
\t"os"

\t"gopkg.in/yaml.v3"
)

const configPath = "images.yaml"

type Entry struct {
\tName   string   `yaml:"name"`
\tImages []Source `yaml:"images"`
}

type Source struct {
\tImageRef string `yaml:"ref"`
\tArch     string `yaml:"arch"`
}

func readConfig() ([]Entry, error) {
\tvar entries []Entry
\tdata, err := os.ReadFile(configPath)
\tif err != nil {
\t\treturn nil, err
\t}
\treturn entries, yaml.Unmarshal(data, &entries)
}
"""

PULL_GO = """\
package internal

import "os/exec"

func Run() {
\tentries, _ := readConfig()
\tfor _, entry := range entries {
\t\tfor _, source := range entry.Images {
\t\t\t_ = fetch(source.Arch, source.ImageRef)
\t\t\t_ = exec.Command("docker", "create", "--name", entry.Name, source.ImageRef).Run()
\t\t}
\t}
}

func fetch(arch, reference string) error {
\treturn exec.Command("docker", "pull", "--platform", arch, reference).Run()
}
"""

IMAGES_YAML = """\
# the images the fixtures are copied out of
- name: redis-server
  images:
    - ref: redis:7.2.3@sha256:d4c84914b872521e215f77d8845914c2268a96b0e35bacd5691e1f5e1f88b500
      arch: linux/amd64
    - ref: "docker.io/library/redis:7.0.0"
      arch: linux/arm64
- name: busybox
  images:
    - ref: busybox:1.36.1
      arch: linux/amd64
"""

MAKEFILE = """\
fixtures:
\tgo run ../tools/fetcher download
"""


def _tree() -> dict[str, str]:
    return {
        "go.mod": GO_MOD,
        "tools/fetcher/main.go": MAIN,
        "tools/fetcher/internal/config.go": CONFIG_GO,
        "tools/fetcher/internal/pull.go": PULL_GO,
        "testdata/images.yaml": IMAGES_YAML,
        "testdata/Makefile": MAKEFILE,
    }


def _yaml_rows(records: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted(
        (record["file"], record["line"], record["reference"], record["status"])
        for record in records
        if str(record["file"]).endswith("images.yaml")
    )


def test_the_values_of_the_pulled_field_of_the_config_a_makefile_runs_the_tool_on_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, _tree())
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert _yaml_rows(records) == [
        (
            "testdata/images.yaml",
            4,
            "redis:7.2.3@sha256:d4c84914b872521e215f77d8845914c2268a96b0e35bacd5691e1f5e1f88b500",
            "public",
        ),
        ("testdata/images.yaml", 6, "redis:7.0.0", "public"),
        ("testdata/images.yaml", 10, "busybox:1.36.1", "public"),
    ]
    use = next(record["use"] for record in records if str(record["file"]).endswith("images.yaml"))
    assert "testdata/Makefile:2" in str(use)


def test_a_config_no_makefile_runs_the_tool_beside_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree()
    tree["testdata/Makefile"] = "fixtures:\n\tgo test ./...\n"
    write_tree(tmp_path, tree)
    assert _yaml_rows(discover_records(tmp_path, monkeypatch, capsys)) == []


def test_a_field_the_tool_does_not_hand_docker_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree()
    # the tool pulls a fixed image, the config's fields only choose the platform and the container's name
    tree["tools/fetcher/internal/pull.go"] = PULL_GO.replace("source.ImageRef).Run()", '"alpine:3.20").Run()').replace(
        "reference).Run()", '"alpine:3.20").Run()'
    )
    write_tree(tmp_path, tree)
    assert _yaml_rows(discover_records(tmp_path, monkeypatch, capsys)) == []

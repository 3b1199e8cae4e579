"""Every reader of shell commands starts from the same inputs (command_inputs.py): a package.json's scripts read as
the lines a script runner runs, at their lines, by `buildah` and `ctr`/`crictl` readers as by `docker run`'s."""

from __future__ import annotations

from ecr_mirror.choose.discovery.buildah_pulls import buildah_pulls
from ecr_mirror.choose.discovery.command_inputs import command_inputs
from ecr_mirror.choose.discovery.containerd_cli_pulls import containerd_cli_pulls

PACKAGE = """\
{
  "name": "edge-agent",
  "scripts": {
    "base": "buildah from docker.io/library/alpine:3.20 && buildah run alpine-working-container -- apk add curl",
    "preload": "sudo ctr images pull docker.io/library/redis:7.4",
    "test": "vitest"
  }
}
"""


def test_package_json_scripts_are_read_by_the_buildah_and_ctr_readers_at_their_lines() -> None:
    buildah = [(item.text, item.line) for item in buildah_pulls(PACKAGE, "package.json")]
    ctr = [(item.text, item.line) for item in containerd_cli_pulls(PACKAGE, "package.json")]
    assert buildah == [("docker.io/library/alpine:3.20", 4)]
    assert ctr == [("docker.io/library/redis:7.4", 5)]


def test_yaml_assignments_give_values_and_arrays_are_read_only_where_expanded() -> None:
    ci = command_inputs("env:\n  TAG: 7.4\nscript: ctr images pull redis:$TAG\n", "ci.yml")
    assert ci.values.values.get("TAG") == {"7.4"}
    assert ci.arrays == {}
    script = command_inputs('OPTS=(--image kindest/node:v1.31.0)\nkind create cluster "${OPTS[@]}"\n', "up.sh")
    assert script.arrays == {"OPTS": ["--image", "kindest/node:v1.31.0"]}

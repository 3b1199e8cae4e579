"""A build whose `--output` (`-o`) is `type=docker,name=NAME` loads the image it builds under that name into the
local image store, as `-t NAME` does (https://docs.docker.com/build/exporters/#docker-exporter): a later `docker
run NAME` runs it, not a pulled image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.local_builds import LocalBuild, local_builds
from ecr_mirror.choose.discovery.program_variables import named_programs

SHELL = """\
#!/usr/bin/env bash
set -e
: "${BUILDX_CMD=docker buildx}"
iid=devshell
(set -x ; ${BUILDX_CMD} build --output "type=docker,name=$iid" --target shell .)
MOUNT=
if [ -n "$MOUNT_SSH_AUTH_SOCK" ]; then
  MOUNT="-v $SSH_AUTH_SOCK:$SSH_AUTH_SOCK -e SSH_AUTH_SOCK"
fi
docker run $MOUNT -it --rm $iid
"""


def test_a_docker_output_names_the_image_a_script_runs_next() -> None:
    # the CLI reads scripts with their program variables named (`${BUILDX_CMD}` is `docker buildx`)
    assert docker_runs(named_programs(SHELL), "hack/shell") == []


def test_a_literal_docker_output_name_is_built_here() -> None:
    text = "docker buildx build -o type=docker,name=acme/tools:dev,compression=zstd .\n"
    text += "docker buildx build --output=type=oci,dest=out.tar,name=acme/other:dev .\n"
    assert local_builds(text, "Makefile") == [LocalBuild("acme/tools:dev", "Makefile", 1, "docker buildx build -t")]

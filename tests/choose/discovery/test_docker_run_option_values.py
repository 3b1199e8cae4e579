"""`docker run` with options held in a variable or an array whose values the script assigns: a word the script only
ever gives options (`TTY_OPT="-t"` or `""`, `PORTS=(-p 8080:80 ...)`, an array filled with `-e` pairs and expanded
with bash's `set -u` guard `${EXTRA[@]+"${EXTRA[@]}"}`) is options before the image, whatever its name."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
if [ -t 1 ]; then
  TTY_OPT="-t"
else
  TTY_OPT=""
fi
docker run --rm -i ${TTY_OPT} --name lint \\
    -v "$PWD":/src \\
    ghcr.io/acme/schema-lint:0.5.1 -j 4 /src
PORTS=(-p 8080:80 -p 8443:443)
case "${1:-}" in
  random) PORTS=(-p 80 -p 443);;
esac
EXTRA=()
for v in $(env | grep '^APP_'); do
  EXTRA+=(-e "$v")
done
docker run -d --name proxy \\
    ${EXTRA[@]+"${EXTRA[@]}"} \\
    "${PORTS[@]}" \\
    docker.io/library/haproxy:2.9 haproxy -f /etc/haproxy.cfg
IMAGE_NAME=acme/web:dev
docker run -d "$IMAGE_NAME"
WHAT=(acme/tool:1 --version)
docker run --rm "${WHAT[@]}"
NODE_IMAGE="${1:-}"
docker run -d -t "${PORTS[@]}" "$NODE_IMAGE"
"""


def test_variables_and_arrays_of_options_before_the_image_are_skipped() -> None:
    found = docker_runs(SCRIPT, "scripts/lint.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("ghcr.io/acme/schema-lint:0.5.1", 8, None),
        ("docker.io/library/haproxy:2.9", 19, None),
        ("acme/web:dev", 24, None),
        # an array that holds the image itself is no options
        ("${WHAT[@]}", 26, found[3].problem),
        # the image the script's argument gives (empty by default) is unresolved as written, naming the variable
        ("$NODE_IMAGE", 28, "$NODE_IMAGE is empty unless the environment or an argument of the script gives it"),
    ]
    assert found[3].problem is not None


MOUNTS = """\
#!/usr/bin/env bash
extract_notices() {
    local mounts="-v $(pwd):/work"
    if [ -n "${BUILDER_CONTAINER:-}" ]; then
        mounts="--volumes-from ${BUILDER_CONTAINER}"
    elif grep -qa docker /proc/1/cgroup; then
        mounts="--volumes-from $(hostname)"
    fi
    docker run --rm ${mounts} \\
        "ghcr.io/acme/notice-extractor:9f3c2d1" \\
        --source /work --target /work/NOTICES
}
"""


def test_a_variable_whose_every_value_starts_with_an_option_is_skipped_though_the_values_run_commands() -> None:
    found = docker_runs(MOUNTS, "build/notices.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("ghcr.io/acme/notice-extractor:9f3c2d1", 9, None)
    ]

"""`docker pull [OPTIONS] NAME` takes exactly one image (https://docs.docker.com/reference/cli/docker/image/pull/;
podman pull the same): a variable the file gives no value, before a last word that is a known image, can only hold
options (`$(DOCKER_CMD) pull $(DOCKER_PLATFORM) $(UPSTREAM)`, a script's `docker pull $PULL_OPTS_X "$IMAGE"`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

MAKEFILE = """\
UPSTREAM = quay.io/acme/builder:v2.3.1

mirror:
\tdocker pull $(PLATFORM) $(UPSTREAM)
\tdocker tag $(UPSTREAM) acme/builder:latest
\tdocker pull $(PLATFORM) ghcr.io/acme/base:1.0
"""

SCRIPT = """\
#!/usr/bin/env bash
IMAGE="docker.io/library/redis:7.2"
podman pull $EXTRA "$IMAGE"
docker pull $EXTRA $UNKNOWN
docker pull $TARGET
docker pull ${SRC} ${DST}
"""


def test_a_variable_before_the_one_image_of_a_pull_holds_options() -> None:
    found = docker_runs(MAKEFILE, "images/builder/Makefile")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("quay.io/acme/builder:v2.3.1", 4, None),
        ("ghcr.io/acme/base:1.0", 6, None),
    ]


def test_a_pull_whose_last_word_is_unknown_stays_unresolved() -> None:
    found = docker_runs(SCRIPT, "scripts/pull.sh")
    assert [(item.text, item.line) for item in found] == [
        ("docker.io/library/redis:7.2", 3),
        # the last word unknown too: which word is the image is not known, the first named as before
        ("$EXTRA", 4),
        ("$TARGET", 5),
        ("${SRC}", 6),
    ]
    assert all(item.problem is not None for item in found[1:])

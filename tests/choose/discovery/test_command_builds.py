"""The build arguments a build command passes to its Dockerfile: which commands, which arguments and which
Dockerfile."""

from __future__ import annotations

from ecr_mirror.choose.discovery.command_builds import CommandBuild, command_builds


def test_which_arguments_are_passed_and_to_which_dockerfile() -> None:
    text = """\
VARIANT=slim
docker build --build-arg FLAVOR=$VARIANT --build-arg FROM_ENV --build-arg LATER=$UNSET -t x:1 ctx
docker build -t x:2 .
echo "docker build --build-arg FLAVOR=echoed ."
podman build --file=images/Containerfile --build-arg=FLAVOR=full --target test .
# docker build --build-arg FLAVOR=commented .
executor --context=dir://$CI_PROJECT_DIR/app --build-arg FLAVOR=kaniko
"""
    assert command_builds(text, "ci/build.sh") == [
        CommandBuild("ctx/Dockerfile", (("FLAVOR", "slim"),), "ci/build.sh", 2),
        CommandBuild("images/Containerfile", (("FLAVOR", "full"),), "ci/build.sh", 5),
        CommandBuild("app/Dockerfile", (("FLAVOR", "kaniko"),), "ci/build.sh", 7),
    ]


def test_a_build_with_only_arguments_that_cannot_be_known_or_no_file_to_read_is_not_returned() -> None:
    text = "docker build --build-arg A=$NOPE .\ndocker build --build-arg A=1 $(CONTEXT)\n"
    assert command_builds(text, "Makefile") == []


def test_variables_of_options_before_the_context_and_make_s_own_directory_as_the_context() -> None:
    text = """\
BASE_IMAGE ?= golang:1.23.4@sha256:%s
RESULT_FLAG = --push
LABELS = \\
\t--label "org.opencontainers.image.source=https://example.org/acme" \\
\t--label "org.opencontainers.image.revision=$(SHA)"

image:
\tdocker buildx build $(RESULT_FLAG) \\
\t\t--platform linux/amd64,linux/arm64 \\
\t\t--build-arg "BASE_IMAGE=$(BASE_IMAGE)" \\
\t\t$(LABELS) \\
\t\t$(shell pwd)

container:
\tdocker build \\
\t\t--build-arg "BASE_IMAGE=$(BASE_IMAGE)" \\
\t\t$(LABELS) \\
\t\t$(shell pwd)/tools \\
\t\t--tag acme/app:dev
""" % ("0123456789abcdef" * 4)
    base = (("BASE_IMAGE", "golang:1.23.4@sha256:" + "0123456789abcdef" * 4),)
    assert command_builds(text, "Makefile") == [
        CommandBuild("Dockerfile", base, "Makefile", 8),
        CommandBuild("tools/Dockerfile", base, "Makefile", 15),
    ]


def test_a_dockerfile_chosen_in_the_branches_of_a_conditional_is_each_branch_s_build() -> None:
    text = """\
PROXY_IMAGE ?= envoyproxy/envoy:v1.31.0
RUNTIME ?= alpine:3.20

ifeq ($(DEBUG),true)
\tBUILD_FILE := build/Dockerfile.debug
else
\tBUILD_FILE := build/Dockerfile
endif

image:
\tdocker buildx build -f $(BUILD_FILE) --build-arg "PROXY_IMAGE=$(PROXY_IMAGE)" \\
\t\t--build-arg RUNTIME=$(RUNTIME) -t acme/operator:dev .
\tdocker buildx build -f "$(BUILD_FILE).ubi" --build-arg "PROXY_IMAGE=$(PROXY_IMAGE)" -t acme/operator:ubi .
"""
    both = (("PROXY_IMAGE", "envoyproxy/envoy:v1.31.0"), ("RUNTIME", "alpine:3.20"))
    proxy = (("PROXY_IMAGE", "envoyproxy/envoy:v1.31.0"),)
    assert command_builds(text, "Makefile") == [
        CommandBuild("build/Dockerfile.debug", both, "Makefile", 11),
        CommandBuild("build/Dockerfile", both, "Makefile", 11),
        CommandBuild("build/Dockerfile.debug.ubi", proxy, "Makefile", 13),
        CommandBuild("build/Dockerfile.ubi", proxy, "Makefile", 13),
    ]


def test_an_argument_a_branch_may_override_is_each_value_s_build() -> None:
    """`BASE=eclipse-temurin:11`, then `if [[ $arch = arm64 ]]; then BASE=arm64v8/eclipse-temurin:11; fi`: a run
    builds with one or the other (shell_conditionals.overridden_in_branches), so the Dockerfile is read with each."""
    text = (
        '#!/bin/bash\narch="${ARCH:-amd64}"\nBASE="eclipse-temurin:11"\nif [[ "$arch" = "arm64" ]]; then\n'
        '  BASE="arm64v8/eclipse-temurin:11"\nfi\n'
        "docker buildx build -q --platform linux/${arch} --build-arg BASE=$BASE -o type=image,name=t,push=false .\n"
    )
    assert command_builds(text, "instrumentation/tests/java/test.sh") == [
        CommandBuild("Dockerfile", (("BASE", "eclipse-temurin:11"),), "instrumentation/tests/java/test.sh", 7),
        CommandBuild("Dockerfile", (("BASE", "arm64v8/eclipse-temurin:11"),), "instrumentation/tests/java/test.sh", 7),
    ]

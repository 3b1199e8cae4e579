"""Build commands at the edges of each form command_builds reads: every builder and spelling, options with and without
values, flags, kaniko's own options, paths from the top of the tree, options variables with a value per branch, a
context filled by `cp`, and the arguments that are not passed; each result compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.command_builds import CommandBuild, command_builds

ORIGIN = "build.sh"
MAKE = "Makefile"
FLAGS = (
    "--push --load --no-cache --pull --quiet --rm --force-rm --squash --compress --disable-content-trust --debug"
    " --check --layers --no-hosts --reproducible --single-snapshot --no-push --cache --cleanup --insecure"
    " --skip-tls-verify --use-new-run"
)
SCRIPT = (
    r"""FLAVOR=slim
docker build --build-arg PY=${FLAVOR} -f docker/Dockerfile .
docker buildx build --push --build-arg=A=1 --file=x/Dockerfile ctx
docker image build --build-arg B=2 --no-cache ./sub/
podman build --build-arg C=3 -t tag:1 $CI_PROJECT_DIR/app
podman image build --build-arg C=4 dir
buildah bud --build-arg D=5 -f Containerfile .
buildah build --build-arg D=6 --layers .
/kaniko/executor --context dir://$CI_PROJECT_DIR --dockerfile $CI_PROJECT_DIR/k/Dockerfile --build-arg E=7
executor -c ${GITHUB_WORKSPACE}/w -f w/Dockerfile.k --build-arg E=8
executor --build-arg E=9 --context ./kctx
executor --build-arg E=10 ctxword
docker build --build-arg ONLYNAME .
docker build --build-arg U=$UNKNOWN .
docker build --build-arg V= .
echo docker build --build-arg NOT=1 .
# docker build --build-arg COMMENTED=1 .
mydocker build --build-arg NO=1 .
docker build-x --build-arg NO=2 .
docker build --build-arg W=1 -f $(CURDIR)/m/Dockerfile .//sub
docker build --build-arg W=2 ${{ github.workspace }}/gh
docker build --build-arg W=3 ././a//b
docker build --build-arg W=4 --build-arg W=5 .
"""
    + f"docker build -q --build-arg Y=1 {FLAGS} flagctx\n"
)

LOOP = (
    r"""for arch in amd64 arm64; do if [ "$arch" = amd64 ]; then DOCKER_ARGS="--build-arg=BASE=x --build-arg=Q=1"; """
    r"""else DOCKER_ARGS='--build-arg BASE=y'; fi; cp Dockerfile.in build/docker/$${arch}; """
    r"""docker build $${DOCKER_ARGS} build/docker/$${arch}/ ; done
BUILD_OPTS=--build-arg=Z=1 ; docker build $BUILD_OPTS zctx
docker build $OTHER --build-arg R=1 rctx
docker build --build-arg S=1 $NOCOPY/x
"""
)


def test_every_builder_and_option_form() -> None:
    assert command_builds(SCRIPT, ORIGIN) == [
        CommandBuild("docker/Dockerfile", (("PY", "slim"),), ORIGIN, 2),
        CommandBuild("x/Dockerfile", (("A", "1"),), ORIGIN, 3),
        CommandBuild("sub/Dockerfile", (("B", "2"),), ORIGIN, 4),
        CommandBuild("app/Dockerfile", (("C", "3"),), ORIGIN, 5),
        CommandBuild("dir/Dockerfile", (("C", "4"),), ORIGIN, 6),
        CommandBuild("Containerfile", (("D", "5"),), ORIGIN, 7),
        CommandBuild("Dockerfile", (("D", "6"),), ORIGIN, 8),
        CommandBuild("k/Dockerfile", (("E", "7"),), ORIGIN, 9),
        CommandBuild("w/Dockerfile.k", (("E", "8"),), ORIGIN, 10),
        CommandBuild("kctx/Dockerfile", (("E", "9"),), ORIGIN, 11),
        CommandBuild("Dockerfile", (("E", "10"),), ORIGIN, 12),
        CommandBuild("Dockerfile", (("V", ""),), ORIGIN, 15),
        CommandBuild("m/Dockerfile", (("W", "1"),), ORIGIN, 20),
        CommandBuild("gh/Dockerfile", (("W", "2"),), ORIGIN, 21),
        CommandBuild("a/b/Dockerfile", (("W", "3"),), ORIGIN, 22),
        CommandBuild("Dockerfile", (("W", "5"),), ORIGIN, 23),
        CommandBuild("flagctx/Dockerfile", (("Y", "1"),), ORIGIN, 24),
    ]


def test_options_variables_and_contexts_filled_by_cp() -> None:
    assert command_builds(LOOP, MAKE) == [
        CommandBuild("Dockerfile.in", (("BASE", "x"), ("Q", "1")), MAKE, 1),
        CommandBuild("Dockerfile.in", (("BASE", "y"),), MAKE, 1),
        CommandBuild("zctx/Dockerfile", (("Z", "1"),), MAKE, 2),
        # one context per build: `$OTHER` beside `rctx` can only expand to options (or nothing)
        CommandBuild("rctx/Dockerfile", (("R", "1"),), MAKE, 3),
    ]


def test_commands_without_an_argument_passed_give_nothing() -> None:
    assert command_builds("docker build .", "x") == []
    assert command_builds("docker build --build-arg A .\n", "x") == []


def test_yaml_keys_are_values_only_when_asked() -> None:
    ci = "script:\n  - docker build --build-arg K=${FLAVOR} .\nvariables:\n  FLAVOR: x\n"
    assert command_builds(ci, "ci.yml", yaml=True) == [CommandBuild("Dockerfile", (("K", "x"),), "ci.yml", 2)]
    assert command_builds(ci, "ci.yml") == []


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("docker build --build-arg A=1 ./", [("Dockerfile", (("A", "1"),))]),
        ("docker build --build-arg X=1 ctx -t", [("ctx/Dockerfile", (("X", "1"),))]),
        ("executor --context kctx --destination reg/x --build-arg E=1", [("kctx/Dockerfile", (("E", "1"),))]),
        ("executor -c kc --build-arg E=11", [("kc/Dockerfile", (("E", "11"),))]),
        ("BUILD_OPTS=X--build-arg=Z=12; docker build $BUILD_OPTS .", []),
        ("BUILD_OPTS=--build-arg=Z=1 ; docker build --pull $BUILD_OPTS zctx", [("zctx/Dockerfile", (("Z", "1"),))]),
        ("cp F b/$${a}/X; docker build --build-arg A=1 b/$${a}/X", [("F", (("A", "1"),))]),
        ("docker build --build-arg A=b=c .", [("Dockerfile", (("A", "b=c"),))]),
        ("docker build --build-arg NAME --build-arg B=1 .", [("Dockerfile", (("B", "1"),))]),
        ("echo docker build x; docker build --build-arg A=1 .", [("Dockerfile", (("A", "1"),))]),
        (
            'if a; then DOCKER_ARGS=""; else DOCKER_ARGS="--build-arg=B=1"; fi; docker build $DOCKER_ARGS .',
            [("Dockerfile", (("B", "1"),))],
        ),
        (
            'if a; then DOCKER_ARGS="--build-arg=A=1 $V/x"; else DOCKER_ARGS="--build-arg=A=2"; fi; '
            "docker build $DOCKER_ARGS ctx",
            [("ctx/Dockerfile", (("A", "2"),))],
        ),
    ],
)
def test_one_command(command: str, expected: list[tuple[str, tuple[tuple[str, str], ...]]]) -> None:
    assert command_builds(command, "x") == [CommandBuild(path, args, "x", 1) for path, args in expected]

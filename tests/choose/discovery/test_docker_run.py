"""The images a Makefile, a script or a CI step runs or pulls (`docker run [options] IMAGE`, `docker pull IMAGE`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs


def _pairs(text: str, origin: str = "Makefile") -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in docker_runs(text, origin)]


def test_options_with_values_are_not_the_image() -> None:
    text = """\
TOOLS_IMAGE := quay.io/acme/lint-tools:v2.1.0
DOCS_IMAGE ?= "acme/docs-gen:1.4"

lint:
\tdocker run --rm -v $(CURDIR):/src -w /src --env CI=true -e HOME=/tmp --entrypoint /bin/sh $(TOOLS_IMAGE) -c lint
\t@docker run -it --rm --name docs -p 8080:80 --network=host -u 1000:1000 $(DOCS_IMAGE) serve
\tdocker container run --platform linux/amd64 --mount type=bind,src=.,dst=/w -l a=b --init ghcr.io/acme/tool:1 check
\tpodman run --rm -dp 5432:5432 -eFOO=bar --env-file .env postgres:16-alpine
\tdocker pull --platform linux/arm64 -q alpine:3.20
\tdocker run \\
\t  --rm \\
\t  --user "$$(id -u)" \\
\t  koalaman/shellcheck:v0.10.0 script.sh
\techo $$(( $(shell docker run --rm busybox nproc) * 2 ))
\tdocker compose run --rm app test
\tdocker-compose run web
# docker run --rm commented/out:1
"""
    assert _pairs(text) == [
        ("quay.io/acme/lint-tools:v2.1.0", 5, None),
        ("acme/docs-gen:1.4", 6, None),
        ("ghcr.io/acme/tool:1", 7, None),
        ("postgres:16-alpine", 8, None),
        ("alpine:3.20", 9, None),
        ("koalaman/shellcheck:v0.10.0", 10, None),
        ("busybox", 14, None),
    ]


def test_a_variable_of_options_before_the_image_is_not_the_image() -> None:
    text = """\
IMAGE=acme/ct:3
test:
\tdocker run ${DOCKER_ARGS} --rm $(IMAGE) ct lint
\tdocker run $EXTRA_OPTS acme/other:1 true
"""
    assert _pairs(text) == [("acme/ct:3", 3, None), ("acme/other:1", 4, None)]


def test_a_bash_array_of_options_expanded_before_the_image_is_not_the_image() -> None:
    script = """\
#!/bin/bash
declare -r release="${TOOL_VERSION:-latest}"
declare -a flags=(
    --rm
    --interactive
    --volume "${PWD}:/w"
)
flags+=(--pull always)
exec docker run "${flags[@]}" "ghcr.io/acme/tool:${release}" "$@"
docker run ${EXTRA_ARGS[*]} acme/other:1 true
"""
    assert _pairs(script, "bin/tool") == [("ghcr.io/acme/tool:latest", 9, None), ("acme/other:1", 10, None)]


def test_shell_assignments_and_defaults() -> None:
    text = """\
#!/bin/sh -e
export LINTER="ghcr.io/acme/linter:v1"
exec docker run --rm \\
  -w "${PWD}" \\
  -v "${PWD}:${PWD}" \\
  "${LINTER}" "$@"
docker run --rm "${NODE_IMAGE:-node:22-alpine}" npm test
"""
    assert _pairs(text, "tools/lint") == [
        ("ghcr.io/acme/linter:v1", 3, None),
        ("node:22-alpine", 7, None),
    ]


def test_a_variable_without_one_literal_value_is_unresolved_and_one_built_here_is_skipped() -> None:
    text = """\
BASE = acme/base:arm64
BASE += -slim
run:
\tdocker run --rm $(BASE) true
\tdocker run --rm "$SUT_IMAGE" true
\tdocker build -t $(APP) .
\tdocker run --rm $(APP) test
\tdocker run --rm .
"""
    found = _pairs(text)
    assert [(text, line) for text, line, _ in found] == [("$(BASE)", 4), ("$SUT_IMAGE", 5)]
    assert all(problem for _, _, problem in found)
    assert "two values" in (found[0][2] or "")
    assert "SUT_IMAGE" in (found[1][2] or "")


def test_a_variable_with_a_value_in_each_branch_of_an_ifeq_is_each_value() -> None:
    # which branch make reads depends on ARCH: each is pulled on some machine (test_make_conditionals.py)
    text = "ifeq ($(ARCH),arm64)\nBASE = acme/base:arm64\nelse\nBASE = acme/base:amd64\nendif\n"
    text += "run:\n\tdocker run --rm $(BASE) true\n"
    assert _pairs(text) == [("acme/base:arm64", 7, None), ("acme/base:amd64", 7, None)]


def test_uses_are_named_after_the_command() -> None:
    (item,) = docker_runs("run: docker pull ghcr.io/acme/x:1\n", "ci.yml")
    assert item.use == "docker pull"
    (item,) = docker_runs('  "lint": "docker run --rm hadolint/hadolint < Dockerfile"\n', "package.json")
    assert (item.text, item.use) == ("hadolint/hadolint", "docker run")


def test_only_a_command_in_command_position_counts_not_prose_or_echoed_text() -> None:
    text = """\
#!/bin/sh
show_help() {
    echo "
start-only-db : expose the port with the extra docker run argument of '-p 5432:5432'.
    to debug, docker pull the image first
"
}
set -e; docker pull alpine:3.20 && docker run --rm busybox:1.36 true
if true; then docker run -d redis:7; fi
sudo docker run --rm -e X=1 nginx:1.27
CI=true docker run node:22 npm test
out=$(docker run --rm python:3.13 python -V)
echo docker run not/an-image:1
echo "docker run not/an-image:2"
sh -c "docker run --rm curlimages/curl:8.10.1 -I https://example.com"
"""
    assert _pairs(text, "scripts/run.sh") == [
        ("alpine:3.20", 8, None),
        ("busybox:1.36", 8, None),
        ("redis:7", 9, None),
        ("nginx:1.27", 10, None),
        ("node:22", 11, None),
        ("python:3.13", 12, None),
        ("curlimages/curl:8.10.1", 15, None),
    ]
    package = '{\n  "scripts": {\n    "db": "docker run -d -p 5432:5432 postgres:16-alpine"\n  }\n}\n'
    assert _pairs(package, "package.json") == [("postgres:16-alpine", 3, None)]
    workflow = """\
jobs:
  t:
    steps:
      - run: docker run --rm hadolint/hadolint:v2.12.0 < Dockerfile
      - run: |
          docker pull postgres:16
      - name: the docker run image is built first
        run: echo done
"""
    assert _pairs(workflow, ".github/workflows/t.yml") == [
        ("hadolint/hadolint:v2.12.0", 4, None),
        ("postgres:16", 6, None),
    ]


def test_the_end_of_options_create_alone_indented_comments_and_yaml_env_values() -> None:
    text = """\
run:
\tdocker run --rm -- alpine:3.20 echo ok
\tdocker run --rm --
\tdocker run --rm
\tdocker create busybox:1.36
\t  # docker run indented/comment:1
\t  // docker run slashed/comment:1
"""
    assert _pairs(text) == [("alpine:3.20", 2, None), ("busybox:1.36", 5, None)]
    workflow = """\
env:
  LINT_IMAGE: ghcr.io/acme/lint:2.0
jobs:
  l:
    steps:
      - run: docker run --rm $LINT_IMAGE
"""
    assert _pairs(workflow, ".github/workflows/l.yml") == [("ghcr.io/acme/lint:2.0", 6, None)]
    assert _pairs(workflow, ".github/workflows/l.yaml") == [("ghcr.io/acme/lint:2.0", 6, None)]
    (unresolved,) = _pairs(workflow, "scripts/l.sh")  # a script does not take YAML keys as assignments
    assert unresolved[0] == "$LINT_IMAGE" and unresolved[2] is not None and "LINT_IMAGE" in unresolved[2]


def test_a_command_after_if_while_until_or_a_negation_runs() -> None:
    text = """\
#!/bin/sh
if docker pull ghcr.io/acme/cache:1; then echo ok; fi
if ! docker run --rm alpine:3.20 true; then exit 1; fi
until docker run --rm busybox:1.36 nc -z db 5432; do sleep 1; done
while ! docker pull postgres:16; do sleep 5; done
"""
    assert [text for text, _, _ in _pairs(text, "wait.sh")] == [
        "ghcr.io/acme/cache:1",
        "alpine:3.20",
        "busybox:1.36",
        "postgres:16",
    ]


def test_an_option_neither_docker_nor_podman_has_makes_the_command_unresolved_not_its_value_an_image() -> None:
    # docker and podman refuse an unknown flag ("unknown flag: --host") and pull nothing: the word after it is not
    # an image; the option is named, unresolved, so that a reader can look at the line.
    text = """\
cli:
\tdocker run -it --rm --net ci_default --link db:db-server --host db-server
\tdocker run --rm --colour always acme/real:1
\tdocker run --rm --sig-proxy=false --read-only --init --no-healthcheck --use-api-socket acme/flags:1
\tpodman run --rm --replace --rmi --tls-verify --env-host --http-proxy --no-hosts acme/podman-flags:1
\tpodman run --rm --retry 3 --retry-delay 5s --health-on-failure kill --image-volume tmpfs acme/podman-valued:1
\tdocker pull --all-tags --disable-content-trust acme/pulled
\tdocker run --rm --$(EXTRA_FLAG) acme/variable-flag:1
"""
    found = _pairs(text)
    assert [(item, line) for item, line, _ in found] == [
        ("--host", 2),
        ("--colour", 3),
        ("acme/flags:1", 4),
        ("acme/podman-flags:1", 5),
        ("acme/podman-valued:1", 6),
        ("acme/pulled", 7),
        ("acme/variable-flag:1", 8),
    ]
    problems = [problem for _, _, problem in found]
    assert problems[0] is not None and "--host" in problems[0]
    assert problems[1] is not None and "--colour" in problems[1]
    assert problems[2:] == [None] * 5

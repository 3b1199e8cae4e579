"""The make targets and scripts a GitHub Actions step runs, the env it gives them, and those files read as the step
runs them: `env: {NODE_IMAGE: kindest/node:v1.31.0}` then `make e2e`, whose recipe runs a script with
`NODE_IMAGE="${NODE_IMAGE:-kindest/node:v1.33.1}"`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.step_scripts import StepCall, make_reach, step_calls, with_env

WORKFLOW = """\
name: e2e
on: [pull_request]
env:
  GO_VERSION: "1.24"
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: ["kindest/node:v1.32.5", "kindest/node:v1.31.9"]
    steps:
      - uses: actions/checkout@v4
      - name: e2e tests
        env:
          NODE_IMAGE: ${{ matrix.node }}
          TOKEN: ${{ secrets.TOKEN }}
        run: |
          echo "make e2e"
          make -C test e2e
      - name: smoke
        env:
          REDIS_IMAGE: redis:7.4
        working-directory: deploy
        run: ./scripts/smoke.sh --fast
      - name: no env of its own
        run: make lint
"""


def test_each_make_target_and_script_a_step_runs_with_the_env_of_each_combination() -> None:
    calls = step_calls(WORKFLOW, ".github/workflows/e2e.yml")
    assert calls == [
        StepCall("make", ("e2e",), "test", (("GO_VERSION", "1.24"), ("NODE_IMAGE", "kindest/node:v1.32.5")), 19),
        StepCall("make", ("e2e",), "test", (("GO_VERSION", "1.24"), ("NODE_IMAGE", "kindest/node:v1.31.9")), 19),
        StepCall(
            "script",
            ("scripts/smoke.sh",),
            "deploy",
            (("GO_VERSION", "1.24"), ("REDIS_IMAGE", "redis:7.4")),
            24,
            ("--fast",),
        ),
        StepCall("make", ("lint",), "", (("GO_VERSION", "1.24"),), 26),
    ]


MAKEFILE = """\
KIND ?= kind
NODE_IMAGE ?= kindest/node:v1.33.1
PINNED = kindest/node:v1.30.0

.PHONY: e2e
e2e: | cluster run-e2e cleanup ## run the e2e tests

cluster:
\t./hack/make-cluster.sh
\t$(KIND) create cluster --image $(NODE_IMAGE)

run-e2e: build
\tgo test ./test/e2e/...

build:
\t$(MAKE) images

images:
\tdocker pull $(PINNED)

cleanup:
\t./hack/cleanup.sh

other:
\tdocker run --rm alpine:3.20
"""


def test_a_target_reaches_its_prerequisites_recipes_and_the_scripts_they_run() -> None:
    lines, scripts = make_reach(MAKEFILE, ("e2e",))
    assert lines == {9, 10, 13, 16, 19, 22}
    assert scripts == ["hack/make-cluster.sh", "hack/cleanup.sh"]
    assert make_reach(MAKEFILE, ("missing",)) == (set(), [])


def test_the_env_wins_over_a_conditional_make_default_not_over_a_plain_assignment() -> None:
    env = {"NODE_IMAGE": "kindest/node:v1.31.9", "PINNED": "kindest/node:v1.29.0", "EXTRA": "x:1"}
    text = with_env(MAKEFILE, env, makefile=True)
    assert "NODE_IMAGE ?= kindest/node:v1.31.9\n" in text
    assert "PINNED = kindest/node:v1.30.0\n" in text
    assert text.endswith("\nEXTRA = x:1\n")  # a name the Makefile does not assign comes from the environment
    assert len(text.splitlines()) == len(MAKEFILE.splitlines()) + 1  # the lines keep their numbers


SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
readonly KIND=${KIND:-kind}
readonly NODE_IMAGE=${NODE_IMAGE:-"kindest/node:v1.33.1"}
: "${REDIS_IMAGE:=redis:7.2}"
FIXED=alpine:3.20
${KIND} create cluster --image "${NODE_IMAGE}"
docker run --rm "${REDIS_IMAGE}" redis-cli ping
docker run --rm "$FIXED" true
docker pull "$FROM_ENV"
"""


def test_the_env_replaces_a_script_s_defaults_and_gives_names_it_does_not_assign() -> None:
    env = {"NODE_IMAGE": "kindest/node:v1.31.9", "REDIS_IMAGE": "redis:7.4", "FIXED": "no", "FROM_ENV": "busybox:1"}
    text = with_env(SCRIPT, env, makefile=False)
    assert "readonly NODE_IMAGE=${NODE_IMAGE:-kindest/node:v1.31.9}\n" in text
    assert ': "${REDIS_IMAGE:=redis:7.4}"\n' in text
    assert "\nFIXED=alpine:3.20\n" in text
    assert text.endswith("\nFROM_ENV=busybox:1\n")
    assert "FIXED=no" not in text


def test_a_recipe_line_s_cd_moves_its_own_line_only() -> None:
    makefile = "e2e:\n\tcd test/kind && ./up.sh\n\tcd test\n\t./hack/down.sh\n\tcd sub && $(MAKE) all\n"
    assert make_reach(makefile, ("e2e",)) == ({2, 3, 4, 5}, ["test/kind/up.sh", "hack/down.sh"])

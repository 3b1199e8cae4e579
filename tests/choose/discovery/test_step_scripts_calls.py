"""The make and script calls of a workflow's steps at their edges: every option that names another Makefile, `-C`
and `--directory` in each spelling and place, `-j` with and without a value, variables on the command line, comment
lines, scripts outside the repository, defaults of the job and of the workflow, env of the job, a run over the
matrix, a combination without env."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.step_scripts import StepCall, step_calls
from ecr_mirror.errors import ConfigError

ENV = (("V", "1"),)


def _calls(run: str, job: str = "", top: str = "") -> list[StepCall]:
    lines = "".join(f"          {line}\n" for line in run.splitlines())
    text = top + "jobs:\n  j:\n" + job + "    steps:\n      - env:\n          V: '1'\n        run: |\n" + lines
    return step_calls(text, "w.yml")


def test_the_words_of_make() -> None:
    run = (
        "make -f other.mk a\nmake --file other.mk b\nmake --makefile other.mk c\nmake --file=other.mk d\n"
        "make --makefile=other.mk e\n"
        "  # skipped; make commented\n"
        "make -C sub\nmake one -C\nmake --directory sub two\nmake --directory=out=1 three\n"
        "make VAR=1 -k four five\nmake -j six\nmake --jobs seven\nmake -o skipped eight\n"
        "bash ../outside/x.sh\nbash ./ci/x.sh\n"
    )
    assert _calls(run) == [
        StepCall("make", (), "sub", ENV, 13),
        StepCall("make", ("one",), "", ENV, 14),
        StepCall("make", ("two",), "sub", ENV, 15),
        StepCall("make", ("three",), "out=1", ENV, 16),
        StepCall("make", ("four", "five"), "", ENV, 17),
        StepCall("make", ("six",), "", ENV, 18),
        StepCall("make", ("seven",), "", ENV, 19),
        StepCall("make", ("eight",), "", ENV, 20),
        StepCall("script", ("ci/x.sh",), "", ENV, 22),
    ]


def test_directories_from_the_step_the_job_and_the_workflow() -> None:
    job = "    defaults:\n      run:\n        working-directory: app\n"
    top = "defaults:\n  run:\n    working-directory: top\n"
    run = "make -C sub x\nmake --directory=sub y\n"
    assert _calls(run, job=job) == [
        StepCall("make", ("x",), "app/sub", ENV, 10),
        StepCall("make", ("y",), "app/sub", ENV, 11),
    ]
    assert _calls(run, top=top) == [
        StepCall("make", ("x",), "top/sub", ENV, 10),
        StepCall("make", ("y",), "top/sub", ENV, 11),
    ]


def test_env_of_the_job_a_run_over_the_matrix_and_a_combination_without_env() -> None:
    text = """\
jobs:
  j:
    env:
      FROM_JOB: j
    strategy:
      matrix:
        include:
          - target: a
          - target: b
            v: "2"
    steps:
      - env:
          V: ${{ matrix.v }}
        run: make ${{ matrix.target }}
      - run: make plain
"""
    assert step_calls(text, "w.yml") == [
        StepCall("make", ("a",), "", (("FROM_JOB", "j"),), 14),
        StepCall("make", ("b",), "", (("FROM_JOB", "j"), ("V", "2")), 14),
        StepCall("make", ("plain",), "", (("FROM_JOB", "j"),), 15),
    ]
    without_job_env = text.replace("    env:\n      FROM_JOB: j\n", "")
    assert step_calls(without_job_env, "w.yml") == [StepCall("make", ("b",), "", (("V", "2"),), 12)]


def test_a_workflow_that_is_not_yaml_is_an_error_naming_the_file() -> None:
    with pytest.raises(ConfigError, match=r"^\.github/workflows/x\.yml: not valid YAML"):
        step_calls("jobs: [\n", ".github/workflows/x.yml")


EXPORTED = """\
jobs:
  e2e:
    strategy:
      matrix:
        k8s: [v1.30.0, v1.31.0]
    steps:
      - name: pin the node image for later steps
        run: echo "NODE_IMAGE=kindest/node:${{ matrix.k8s }}" >> "$GITHUB_ENV"
      - name: set up
        run: |
          hack/before.sh
          export CLUSTER_VERSION=kindest/node:${{ matrix.k8s }}
          export KUBE_FLAG=true LOG_DIR="/tmp/logs"
          hack/local-up.sh
      - run: hack/run-e2e.sh
"""


def test_exported_names_reach_the_scripts_run_after_them_and_github_env_the_later_steps() -> None:
    calls = step_calls(EXPORTED, "e2e.yml")
    by_line = {(call.line, call.env) for call in calls}
    for version in ("v1.30.0", "v1.31.0"):
        node = ("NODE_IMAGE", f"kindest/node:{version}")
        assert (11, (node,)) in by_line  # the step's own run sees only GITHUB_ENV of earlier steps
        exported = (("CLUSTER_VERSION", f"kindest/node:{version}"), ("KUBE_FLAG", "true"), ("LOG_DIR", "/tmp/logs"))
        assert (14, tuple(sorted((node, *exported)))) in by_line
        assert (15, (node,)) in by_line  # an export ends with its step
    assert len(calls) == 6


def test_a_cd_before_a_call_moves_where_it_runs() -> None:
    run = 'cd deploy\n./up.sh\ncd ../hack && make kind\ncd "$WORK"\n./later.sh\n'
    assert _calls(run) == [
        StepCall("script", ("up.sh",), "deploy", ENV, 8),
        StepCall("make", ("kind",), "hack", ENV, 9),
    ]


def test_a_long_assignment_before_another_program_is_read_in_one_pass() -> None:
    # `NAME=value` words before a program that is not the call (`sudo`) are that program's environment, not a prefix
    # of the call; a value of many characters (a digest, a long flag list) must not make the prefix reading retry
    # every way of splitting it (the reading had nested repetition: 2^n tries for a value of n characters)
    digest = "sha256-" + "0123456789abcdef" * 4
    run = f"GOFLAGS=-mod=mod DIGEST={digest} sudo ./hack/run.sh\nCHANNEL=stable-{digest} ./hack/release.sh\n"
    assert _calls(run) == [
        StepCall("script", ("hack/run.sh",), "", ENV, 7),
        StepCall("script", ("hack/release.sh",), "", (("CHANNEL", f"stable-{digest}"), *ENV), 8),
    ]

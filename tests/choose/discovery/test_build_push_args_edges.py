"""build-push-action's arguments at their edges: values holding `=`, lines that are no argument, env values of the
job and the step (over the matrix), contexts and files from the matrix, contexts that are other repositories or
not known, an expression left open, `build-args` of other shapes."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.build_push_args import build_push_builds
from ecr_mirror.choose.discovery.command_builds import CommandBuild
from ecr_mirror.errors import ConfigError

STEP = "      - uses: docker/build-push-action@v6\n        with:\n"


def _workflow(*steps: str, job: str = "") -> str:
    return "jobs:\n  build:\n" + job + "    steps:\n" + "".join(STEP + step for step in steps)


def test_argument_lines_values_with_equals_and_env_of_the_job_and_the_step() -> None:
    text = _workflow(
        "          build-args: |\n            NOTANARGUMENT\n            =nameless\n            OPTS=a=b\n"
        "            JOB=${{ env.FROM_JOB }}\n            STEP=${{ env.FROM_STEP }}\n"
        "            MISSING=${{ env.NOT_SET }}\n            OPEN=${{ matrix.v\n"
        "        env:\n          FROM_STEP: s-${{ matrix.v }}\n",
        job="    env:\n      FROM_JOB: j\n    strategy:\n      matrix:\n        v: ['1']\n",
    )
    assert build_push_builds(text, "w.yml") == [
        CommandBuild("Dockerfile", (("OPTS", "a=b"), ("JOB", "j"), ("STEP", "s-1")), "w.yml", 11)
    ]


def test_contexts_and_files_from_the_matrix() -> None:
    text = _workflow(
        "          context: ${{ matrix.dir }}\n          build-args: V=1\n",
        "          file: ${{ matrix.dir }}/Containerfile\n          build-args: V=2\n",
        job="    strategy:\n      matrix:\n        dir: [api]\n",
    )
    assert build_push_builds(text, "w.yml") == [
        CommandBuild("api/Dockerfile", (("V", "1"),), "w.yml", 10),
        CommandBuild("api/Containerfile", (("V", "2"),), "w.yml", 14),
    ]


@pytest.mark.parametrize(
    "inputs",
    [
        "context: https://github.com/acme/app.git#main",
        "context: git@github.com:acme/app.git",
        "context: ${{ steps.meta.outputs.dir }}",
        "context: app/${{ matrix.dir",
        "file: ${{ matrix.dir/Dockerfile",
    ],
)
def test_a_context_of_another_repository_or_not_known_builds_nothing_here(inputs: str) -> None:
    text = _workflow(f"          {inputs}\n          build-args: V=1\n")
    assert build_push_builds(text, "w.yml") == []


def test_build_args_of_other_shapes() -> None:
    text = _workflow(
        "          build-args:\n            ARGS: PYTHON_VER=3.12\n",
        "          build-args: [5, A=1]\n",
    )
    assert build_push_builds(text, "w.yml") == [CommandBuild("Dockerfile", (("A", "1"),), "w.yml", 0)]


def test_a_workflow_that_is_not_yaml_is_an_error_naming_the_file() -> None:
    with pytest.raises(ConfigError, match=r"^\.github/workflows/x\.yml: not valid YAML"):
        build_push_builds("jobs: [\n", ".github/workflows/x.yml")

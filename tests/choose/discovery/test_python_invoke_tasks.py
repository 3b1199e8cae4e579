"""An Invoke (or Fabric) `tasks.py` runs shell commands with `run(...)` imported from invoke or the task's context
`ctx.run(...)`/`c.run(...)`, often filled in with `str.format` from names the task binds just before: the images
of the docker commands it runs."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_commands import python_docker_runs

TASKS = '''\
from invoke import run, task


@task
def lint(ctx, env="container"):
    """Run the linter in its container."""
    version = "2.5.0"
    golangci_cmd = "golangci-lint run --timeout 10m0s ./..."
    if env == "container":
        run(
            "docker run --rm -v $(pwd):/app -w /app golangci/golangci-lint:v{} {}".format(
                version, golangci_cmd
            ),
            echo=True,
        )


@task
def docs(c):
    version = "1.10.0"
    c.run("docker run --rm -v $(pwd):/app jnorwood/helm-docs:v{0}".format(version))


@task
def frr(ctx, image=None):
    ctx.run("docker run -d --name frr {}".format(image))
'''


def test_invoke_runs_with_format_from_the_task_s_own_names() -> None:
    # each task binds `version` to its own value; a task's parameter is known only when it runs
    found = python_docker_runs(TASKS, "tasks.py")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("golangci/golangci-lint:v2.5.0", 10, True),
        ("jnorwood/helm-docs:v1.10.0", 21, True),
        ("${image}", 26, False),
    ]


def test_without_invoke_a_run_function_is_not_a_shell() -> None:
    other = TASKS.replace("from invoke import run, task", "from mylib import run, task")
    assert [item.text for item in python_docker_runs(other, "tasks.py")] == []

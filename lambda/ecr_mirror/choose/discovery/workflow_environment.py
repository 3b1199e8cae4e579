"""The values a GitHub Actions workflow gives environment variables in the steps that run a JVM build (pure).

A step runs with the workflow's, the job's and its own `env:`
(https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#env), and with what its
`run:` script exports before a command (`export NAME=value`). Maven, Gradle and sbt hand their environment to the
test JVMs they fork (Surefire's forked JVM inherits it:
https://maven.apache.org/surefire/maven-surefire-plugin/test-mojo.html#environmentVariables), so a test reading
`sys.env.getOrElse("NAME", "3.4")` runs with the value such a step gives. Read in steps whose `run:` calls `mvn`,
`mvnw`, `gradle`, `gradlew` or `sbt` (an `export` only before that call), once per combination of the job's literal
matrix (kyuubi's zookeeper-it job, `export KYUUBI_IT_ZOOKEEPER_VERSION=${{ matrix.zookeeper }}` before
`./build/mvn ... test` over four versions); a value with another expression or a variable is left out, and so is a
step that runs no build (a lint job's `env:`).

pytest runs in the process that starts it, so a Python test reading `os.getenv("NAME", "latest")` runs with the
step's environment too: `PYTHON_TESTS` reads the steps that call `pytest`, `py.test`, `nox`, `hatch` or `make`
(whose recipes get make's environment, https://www.gnu.org/software/make/manual/html_node/Environment.html; a
Python project's `make test` runs its suite). Not `tox`, which passes a test run only the variables its `pass_env`
lists (https://tox.wiki/en/latest/config.html#pass_env).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.workflow_steps import job_steps, run_start, workflow_jobs
from ecr_mirror.choose.discovery.yaml_loader import line_of

# a call of a JVM build tool: `mvn`, `./mvnw`, `./build/mvn`, `gradle`, `./gradlew`, `sbt`
_BUILD_RE = re.compile(r"(?<![\w.-])(?:[\w.-]*/)*(?:mvnw?|gradlew?|sbt)(?![\w.-])")
# a call of a Python test runner, or of make, which Python projects run their tests with
PYTHON_TESTS = re.compile(r"(?<![\w.-])(?:[\w.-]*/)*(?:pytest|py\.test|nox|hatch|g?make)(?![\w.-])")
_EXPORT_RE = re.compile(
    r"""^[ \t]*export[ \t]+(?P<name>[A-Za-z_]\w*)=(?P<value>"[^"\n]*"|'[^'\n]*'"""
    r"""|(?:\$\{\{[^}\n]*\}\}|[^\s"'`;|&()])+)[ \t]*$""",  # a `${{ matrix.X }}` in the value too
    re.MULTILINE,
)


def _value(written: str, combo: dict[str, Any]) -> str | None:
    """`written` over the matrix combination, unquoted; None when another expression or a variable stays."""
    value = with_matrix(written, combo)
    value = value.strip().strip("\"'") if value is not None else None
    return value if value and "$" not in value else None


def _exported(run: str, first: int, names: Collection[str], runs: re.Pattern[str]) -> list[tuple[int, str, str]]:
    """(line, name, value as written) of each `export NAME=value` of `names` before the script's first build."""
    build = runs.search(run)
    if build is None:
        return []
    return [
        (first + run.count("\n", 0, match.start()), match["name"], match["value"])
        for match in _EXPORT_RE.finditer(run, 0, build.start())
        if match["name"] in names
    ]


def environment_values(
    text: str, origin: str, names: Collection[str], runs: re.Pattern[str] = _BUILD_RE
) -> list[tuple[int, str, str]]:
    """(line, name, value) of each value the workflow `text` gives one of `names` in a step running a JVM build (or
    what `runs` matches: `PYTHON_TESTS`)."""
    if not any(name in text for name in names):
        return []
    lines = text.splitlines()
    out: list[tuple[int, str, str]] = []
    for workflow, job in workflow_jobs(text, origin):
        combos = job_combinations(job) or [{}]
        for step in job_steps(job):
            run = step.get("run")
            if not isinstance(run, str) or (first := run_start(lines, run)) is None or not runs.search(run):
                continue
            written = list(_exported(run, first, names, runs))
            for scope in (workflow.get("env"), job.get("env"), step.get("env")):
                for name, value in scope.items() if isinstance(scope, dict) else ():
                    if name in names and isinstance(value, str) and (line := line_of(value)):
                        written.append((line, name, value))
            for line, name, value in written:
                for combo in combos:
                    given = _value(value, combo)
                    entry = (line, name, given) if given is not None else None
                    out += [entry] if entry is not None and entry not in out else []
    return out

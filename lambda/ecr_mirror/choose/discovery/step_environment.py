"""The variables a GitHub Actions step's environment gives the commands of its `run:` script (pure).

GitHub sets the `env:` of the workflow, the job and the step in the environment of the process that runs the script
(https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables),
so `$NAME` there is the step's value, and so is `docker build --build-arg NAME` with no value: the build takes the
variable from the client's environment
(https://docs.docker.com/reference/cli/docker/buildx/build/#build-arg). `environment_lines` gives, for the names of
`env` the script reads either way, the `export NAME=value` lines the script readers resolve its commands with (put
after the script's last line, so its lines keep their numbers). A value with a space, a quote or `$` is not given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_PLAIN_VALUE_RE = re.compile(r"[^\s'\"$`\\{}()]+")


def reads(run: str, name: str) -> bool:
    """Whether `run` reads `name` from its environment: `$NAME`, `${NAME}`, `${NAME:-x}`, or a build's
    `--build-arg NAME` / `--build-arg=NAME` without a value."""
    escaped = re.escape(name)
    return (
        re.search(rf"\$(?:{escaped}(?!\w)|\{{{escaped}(?!\w))", run) is not None
        or re.search(rf"--build-arg(?:=|\s+)['\"]?{escaped}['\"]?(?=\s|$)", run) is not None
    )


def environment_lines(run: str, env: Mapping[str, str]) -> list[str]:
    """The `export NAME=value` lines of the names of `env` that `run` reads (plain values only)."""
    return [
        f"export {name}={value}"
        for name, value in env.items()
        if name.isidentifier() and _PLAIN_VALUE_RE.fullmatch(value) and reads(run, name)
    ]

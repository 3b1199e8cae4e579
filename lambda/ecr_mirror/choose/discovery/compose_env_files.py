"""The env files a Makefile's compose run selects by a variable (pure).

`docker compose --env-file FILE` reads the variables that fill the compose file's `${NAME}` from FILE, a later
`--env-file` overriding an earlier one (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file):
a test environment ships one env file per version beside its compose file (`env/.env`, `env/.env.v8.2`,
`env/.env.v7.4`) and its Makefile's recipe picks one by a variable, `custom_env_file="env/.env.v$$version"` then
`docker compose --env-file env/.env --env-file $$custom_env_file -f env/docker-compose.yml up` (redis' jedis and
lettuce, `make start version=7.4` from CI's matrix). This module finds, in the text of a recipe that runs compose and
names `--env-file`, each path written with one variable in its file name (`$$version`, `$(version)`, `${version}`)
whose directory is that of a compose file the text names with `-f`: the glob of the env files it may name (the
variable written `*`), paired with that compose file. cli/discover_env_files.py reads the compose file once per
env file of the tree the glob matches, over its `.env` (what `make start version=X` gives compose for each X).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.workflow_steps import COMPOSE_RE

_VARIABLE = r"\$\$?(?:\(\w+\)|\{\w+\}|\w+)"
# a path whose file name holds one variable and names an env file: `env/.env.v$$version`, `env/$(STAGE).env`
_PATH_RE = re.compile(
    r"(?<![\w./$-])(?P<dir>(?:[\w.-]+/)*)(?P<name>\.env[\w.-]*" + _VARIABLE + r"[\w.-]*|[\w.-]*" + _VARIABLE + r"\.env)"
    r"(?![\w.$/-])"
)
_FILE_RE = re.compile(r"(?:^|\s)(?:-f|--file)[ \t=]+[\"']?(?P<file>[\w./-]+\.ya?ml)\b")


@dataclass(frozen=True, slots=True)
class EnvFileChoice:
    """A compose file (as written, from the Makefile's directory) and the glob of the env files a recipe selects for
    it by a variable, at the line the path is written on."""

    compose: str
    pattern: str
    line: int


def env_file_choices(text: str) -> list[EnvFileChoice]:
    """The env files the text's compose runs select by a variable, with their compose files."""
    if "--env-file" not in text or COMPOSE_RE.search(text) is None:
        return []
    composes = {match["file"] for match in _FILE_RE.finditer(text)}
    out: list[EnvFileChoice] = []
    for line, written in enumerate(text.splitlines(), start=1):
        if written.lstrip().startswith("#"):
            continue
        for match in _PATH_RE.finditer(written):
            directory = posixpath.normpath(match["dir"] or ".")
            pattern = posixpath.join(match["dir"], re.sub(_VARIABLE, "*", match["name"]))
            for compose in sorted(composes):
                if posixpath.normpath(posixpath.dirname(compose) or ".") == directory:
                    out.append(EnvFileChoice(compose, pattern, line))
    return out

"""A Jenkinsfile's `sh` steps read with the environment the pipeline gives them (pure).

Jenkins runs an `sh` step's script with the pipeline's environment: the `environment { }` blocks and what `script
{ }` blocks set with `env.NAME = '...'` before it
(https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#setting-environment-variables-dynamically). A single-quoted
Groovy string (`sh '''docker pull ghcr.io/linuxserver/ci:${CITEST_IMAGETAG}'''`) is passed as written, so the shell
reads `$CITEST_IMAGETAG` from that environment. A name that stages set apart (linuxserver's `env.CITEST_IMAGETAG =
'latest'` on the release branch, `'develop'` on the others) takes one value per build, each a build the pipeline
may run: `sh_env_variants` gives the pipeline's text once per value of such a name, with `NAME=value` lines of every
name after its last line (so that the script readers resolve the steps' commands with them, the lines keeping
their numbers), the other names at their first value. The axes of a `matrix` are such names too, one value per
cell (jenkins_matrix.py: couchbase-operator's `kind create cluster --image kindest/node:${version}`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.jenkins_matrix import axis_values
from ecr_mirror.choose.discovery.jenkinsfile import environment_values

MAX_TEXTS = 16
_PLAIN_VALUE_RE = re.compile(r"[^\s'\"$`\\{}()]+")  # a value the shell takes as one word


def sh_env_variants(text: str, origin: str) -> list[tuple[str, frozenset[int]]]:
    """(the pipeline's text with its environment's values appended as shell assignments, its lines) once per value
    of a name given several (the first of each other name); none when it gives none. `origin` names the file."""
    values = {
        name: [value for value in each if _PLAIN_VALUE_RE.fullmatch(value)]
        for name, each in {**environment_values(text), **axis_values(text)}.items()
    }
    values = {name: each for name, each in values.items() if each and re.search(rf"\$\{{?{name}(?!\w)", text)}
    if not values:
        return []
    first = {name: each[0] for name, each in values.items()}
    choices = [{**first, name: value} for name, each in values.items() for value in each[1:]]
    lines = frozenset(range(1, text.count("\n") + 2))
    return [
        (text.rstrip("\n") + "\n" + "\n".join(f"{name}={value}" for name, value in chosen.items()) + "\n", lines)
        for chosen in [first, *choices][:MAX_TEXTS]
    ]

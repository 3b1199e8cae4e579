"""Images a Java, Kotlin or Groovy source pulls by running docker as an argument list (pure).

A test helper that starts the database its tests use often runs docker itself, handing the program and its arguments
as separate strings, the form `ProcessBuilder(String...)` and `Runtime.exec(String[])` take
(https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/ProcessBuilder.html): `new String[]
{"docker", "run", "--rm", "-d", "-p", PORT + ":5432", "postgres:16"}` passed to a runner of the project's own,
`new ProcessBuilder("docker", "run", ...)`, Kotlin's `listOf("docker", "pull", "redis:7")`. Read: every list, a
call's arguments or an array's elements, whose first element is the literal "docker" or "podman" (`(` or `{` right
before it), as that command, by docker_run.py's rules (so only `run`, `create` and `pull` give images); a literal
string is a word, any other element (a name, a concatenation, a call) a word known only when the program runs
(`${NAME}`, `${JVM_EXPRESSION}`): as an option's value it is not in the way of the image after it, as the image it
is unresolved, naming it. Each image is listed at its element's line. Not read: a list whose first element is
another word (`log.info("starting", "docker", ...)`, `{"echo", "docker", ...}`), a command line given as one
string, words added to a list later, comments.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_argument_lists import ListSyntax, listed_docker_images
from ecr_mirror.choose.discovery.testcontainers import language_of

_LANGUAGES = frozenset({"Java", "Kotlin", "Groovy"})
# the program as the first element of a call's arguments or an array's elements: `("docker", ` / `{"podman", `
_START_RE = re.compile(r'(?P<open>[({])\s*"(?P<program>docker|podman)"\s*,')
_SYNTAX = ListSyntax("JVM_EXPRESSION")


def may_run_docker(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold a list this module reads (checked before it is decoded)."""
    return language_of(origin) in _LANGUAGES and (b'"docker"' in data or b'"podman"' in data)


def jvm_docker_runs(text: str, origin: str) -> list[Found]:
    """The images of the docker commands a JVM source writes as argument lists, in order (see the module)."""
    language = language_of(origin)
    if language not in _LANGUAGES:
        return []
    return listed_docker_images(text, origin, _START_RE, _SYNTAX, f"{language} source")

"""Images a Gradle build pulls by running docker from an Exec task's command line (pure).

Gradle's `Exec` task, and `exec { }` / `project.exec { }` in a task's actions, run `commandLine`, "the full command
line, including the executable plus its arguments" (https://docs.gradle.org/current/dsl/org.gradle.api.tasks.Exec.html),
given as separate strings: Groovy's command expression `commandLine 'docker', 'pull', 'alpine:3.19'` (the arguments
run to the end of the line, a trailing `,` going on to the next), a call `commandLine("docker", ...)`, or an
assignment `commandLine = listOf(...)` / `= [...]`. A build that pulls the images its integration tests inspect
(blackduck-docker-inspector's `pullAlpineLatest` task, `commandLine "docker", "pull", "alpine:latest"`) or starts a
database before them names them so. Read: each command line whose first element is the literal `docker` or
`podman`, by docker_run.py's rules (only `run`, `create` and `pull` give images: `rmi`, `save`, `build` do not); a
quoted literal is a word, one with a template (`"db-${project.name}"`, `"$tag"`) a word with a variable, any other
element (a name, a call) a word known only when the build runs (`${NAME}`, `${GRADLE_EXPRESSION}`): no obstacle as
an option's value, unresolved as the image, naming it. Each image at its element's line. Not read: a command line
given as one string (`commandLine 'sh', '-c', 'docker pull x'`), `args` added apart from `commandLine`, comments, and
an element that cannot be read (a string with escapes, or with a template not closed in it: `"alpine:${tag"`) or any
element after it.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_argument_lists import ListSyntax, listed_docker_images

KIND = "Gradle build (Exec task)"
# `commandLine` and what opens its list: `(`, `= [`, `= listOf(` (arrayOf, mutableListOf), or nothing (Groovy's
# command expression), the program its first element
_START_RE = re.compile(
    r"\bcommandLine\s*(?P<open>\(|=\s*\[|=\s*(?:listOf|mutableListOf|arrayOf)\s*\(|(?=[\"']))\s*"
    r"(?P<quote>[\"'])(?P<program>docker|podman)(?P=quote)\s*,"
)
_SYNTAX = ListSyntax("GRADLE_EXPRESSION", single_quotes=True, templates=True, whole_expressions=False, any_blanks=False)


def gradle_exec_images(text: str, origin: str) -> list[Found]:
    """The images of the docker command lines of a Gradle build's Exec tasks, in order (see the module)."""
    if "commandLine" not in text:
        return []
    return listed_docker_images(text, origin, _START_RE, _SYNTAX, KIND)

"""The base image a Jib build's command line gives: `-Djib.from.image=IMAGE` (pure).

Jib's Gradle and Maven plugins take their configuration from system properties too, over the build file's
(https://github.com/GoogleContainerTools/jib/tree/master/jib-gradle-plugin#system-properties,
https://github.com/GoogleContainerTools/jib/tree/master/jib-maven-plugin#system-properties): `./gradlew jib
-Djib.from.image="eclipse-temurin:21"` builds on that image, which Jib pulls. Read where a command runs (scripts, CI
steps, Makefile recipes): a `gradle`, `gradlew`, `mvn` or `mvnw` command (a path before it too) with a
`-Djib.from.image=` word, its value resolved from the file's values (a workflow's matrix and inputs are read as
for any step); `-Djib.to.image` names what is built, not a pull.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_scan import command_runs, image_found
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues

USE = "jib -Djib.from.image"
_COMMAND_RE = re.compile(r"(?<![\w.-])(?:[\w./$(){}-]*/)?(?:gradlew?|mvnw?)(?![\w.-])")
_FLAG = "-Djib.from.image="


def jib_flag_images(text: str, origin: str) -> list[Found]:
    """The image of each `-Djib.from.image=` of a Gradle or Maven command of `text`, at the command's line."""
    if _FLAG not in text:
        return []
    values = ShellValues.of(text, yaml=origin.endswith((".yml", ".yaml")))
    found: list[Found] = []
    for line, joined, match in command_runs(text, _COMMAND_RE, (_FLAG,)):
        for word in command_words(joined, match.end()):
            if word.startswith(_FLAG) and (image := word.removeprefix(_FLAG)):
                found += image_found(values, line, image, origin, USE)
    return found

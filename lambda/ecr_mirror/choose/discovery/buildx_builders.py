"""The BuildKit image a `docker buildx create` builder runs (pure).

`docker buildx create` makes a builder; with the `docker-container` driver (its default when `--driver` is not
given) buildx starts BuildKit in a container of the image the `image` driver option names, pulled when the builder
boots (`--driver-opt image=moby/buildkit:v0.10.6`: "Sets the BuildKit image to use for the container",
https://docs.docker.com/build/builders/drivers/docker-container/); the `kubernetes` driver runs it in its pods
(https://docs.docker.com/build/builders/drivers/kubernetes/). A Makefile pins BuildKit so
(`docker buildx create --driver-opt image=moby/buildkit:$(BUILDKIT_VERSION) --name $(BUILDER) --use`), as a
workflow's `docker/setup-buildx-action` does with its `driver-opts` input (action_inputs.py). Read: every
`--driver-opt` value (`--driver-opt X`, `--driver-opt=X`, one or more `key=value` separated by commas) of a `docker
buildx create` command where one runs, its `image=` a literal or a variable of the file (shell_words.py: one value,
else unresolved, naming it). Not read: the `remote` driver's (it connects to a BuildKit already running) and
`docker`'s (no container), a builder created without the option (the image is buildx's own default, which the tree
does not pin), echoed text.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.command_scan import command_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues

_CREATE_RE = re.compile(r"(?<![\w./-])docker\s+buildx\s+create(?![\w-])")
_IMAGE_DRIVERS = frozenset({"docker-container", "kubernetes"})
USE = "docker buildx create --driver-opt image"


def _option_values(words: list[str], option: str) -> list[str]:
    """The values of `--option V` and `--option=V` among a command's `words`."""
    values: list[str] = []
    for index, word in enumerate(words):
        if word == option and index + 1 < len(words):
            values.append(words[index + 1])
        elif word.startswith(f"{option}="):
            values.append(word.removeprefix(f"{option}="))
    return values


def buildx_builder_images(text: str, origin: str) -> list[Found]:
    """The images the `docker buildx create --driver-opt image=...` commands of `text` (a script, a Makefile, a CI
    step's commands) have their builder run, at their lines; a variable without one value unresolved, naming it."""
    if "buildx" not in text:
        return []
    values = ShellValues.of(text, yaml=origin.endswith((".yml", ".yaml")))
    found: list[Found] = []
    for line, joined, match in command_runs(text, _CREATE_RE, ("create",), ("#", "//")):
        words = command_words(joined, match.end())
        drivers = _option_values(words, "--driver")
        if drivers and drivers[-1] not in _IMAGE_DRIVERS:
            continue
        for setting in _option_values(words, "--driver-opt"):
            for field in setting.split(","):
                key, equals, image = field.strip().partition("=")
                if key != "image" or not equals or not image:
                    continue
                for resolved, problem in values.at(line).resolve_each(image):
                    found.append(Found(resolved if problem is None else image, origin, line, problem, USE))
    return found

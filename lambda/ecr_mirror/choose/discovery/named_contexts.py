"""The named build contexts a tree's builds give, and the Dockerfile uses that take them rather than an image (pure).

`docker buildx build --build-context NAME=VALUE` (also `--build-context=NAME=VALUE`) gives the build a named context:
a `FROM NAME`, `COPY --from=NAME` or `RUN --mount=...,from=NAME` of the Dockerfile it builds takes that context
(BuildKit looks a name up among the named contexts before it takes it for an image,
https://docs.docker.com/reference/cli/docker/buildx/build/#build-context). mempool's backend image is built with
`--build-context rustgbt=./rust --build-context backend=./backend`, its Dockerfile copying `COPY --from=backend . .`:
no image `backend`. Which Dockerfile a command builds depends on its working directory (a step's
`working-directory`, a script's `cd`), so a name given so anywhere in the tree's scripts and CI files is taken as a
context in every Dockerfile of the tree where it is written bare, no tag, digest, registry or path
(`COPY --from=proto:1.2` stays an image, but for a name given so with its tag: regclient's `--build-context
testrepo:b1=...` makes `FROM testrepo:b1` that context). A context whose value is an image
(`testrepo:b1=docker-image://busybox:latest`) puts that image where the Dockerfile names the context: the image is
pulled, read at the option's line (`image_contexts`; a value with a variable is known only when it runs), and the
name is a context as above. bake's `contexts` are read by the bake reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ecr_mirror.choose.discovery.found import Found

_CONTEXT_RE = re.compile(
    r"(?<![\w-])--build-context(?:=|[ \t]+)[\"']?([a-z0-9][a-z0-9._/-]*(?::[\w][\w.-]*)?)=[\"']?([^\s\"']+)"
)
_IMAGE = "docker-image://"
_USES = ("FROM", "COPY --from", "RUN --mount")


def named_contexts(texts: Iterable[str]) -> set[str]:
    """The names `--build-context NAME=VALUE` gives in `texts` (`NAME:TAG` too; those given an image as well)."""
    return {match.group(1) for text in texts if "--build-context" in text for match in _CONTEXT_RE.finditer(text)}


def image_contexts(text: str, origin: str) -> list[Found]:
    """The images `--build-context NAME=docker-image://IMAGE` gives in `text` (a script or CI file's commands), each
    pulled where the Dockerfile names NAME, at the option's line; a value with a variable is not read here."""
    found: list[Found] = []
    for match in _CONTEXT_RE.finditer(text) if "--build-context" in text else ():
        value = match.group(2)
        if value.startswith(_IMAGE) and "$" not in value and "{{" not in value:
            line = text.count("\n", 0, match.start()) + 1
            found.append(Found(value.removeprefix(_IMAGE), origin, line, use=f"--build-context {match.group(1)}"))
    return found


def without_named_contexts(found: list[Found], names: set[str]) -> list[Found]:
    """`found` without the Dockerfile uses of a bare name that is a named context (`COPY --from=backend`)."""
    if not names:
        return found
    return [item for item in found if not (item.use.startswith(_USES) and item.text in names and not item.problem)]

"""The repositories a tree's build scripts build under a tag each run chooses, and the Dockerfiles that build on them
(pure).

A product's build script names its image after its arguments: `IMAGE_NAME="oracle/database:${VERSION}-${EDITION}"`,
then `docker build ... -t $IMAGE_NAME`, run as `./buildContainerImage.sh -v 19.3.0 -e`; or a Makefile's `docker build
-t acme/base:$(VERSION) .` run with `make VERSION=1.4`. The repository is the tree's own, written out in full, and
the tag is the caller's: every tag of it that a Dockerfile of the tree builds on (`FROM oracle/database:19.3.0-ee`,
an extension image layered on the database image) is an image this tree's script builds first, as its README
says, never one a registry serves for it (a tag `docker build -t` gives lives in the local image store only,
https://docs.docker.com/reference/cli/docker/buildx/build/#tag). Only a Dockerfile's use is marked so: a compose
file or a manifest naming such a tag may be a user's deployment of the published image, and keeps its reading.

The name is read with the script's own assignments put in where a variable is the whole name (`IMAGE_NAME` assigned
in two places, `oracle/oudsm:$VERSION` and `${DC_REGISTRY}/oracle/oudsm:$VERSION`: the first names its repository,
the second not), up to the tag: a repository with a variable in it (`${REGISTRY}/app:$TAG`, `REGISTRY ?=
docker.io/acme`) names where a user publishes (local_builds.chained_builds), and is not read; nor is a tag a command
computes (`VERSION = $(shell git describe --tags)`: a release's version, which a `FROM` of another tag does not
build); nor is one of Docker Hub's
official images (`alpine:${TAG}-patched`, a local variant of `alpine`: every other `FROM alpine:...` still pulls); a
tag with no variable is a build of that name alone (local_builds.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from ecr_mirror.choose.discovery.found import DOCKERFILE_KIND, Found
from ecr_mirror.choose.discovery.local_builds import build_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.oci.reference import DOCKER_HUB, reference_or_none

# `$NAME`, `${NAME}`, `$(NAME)` (make), with a default (`${NAME:-x}`) too; `$$NAME` is make's escaped shell variable
_VARIABLE_RE = re.compile(r"\$\$?(?:\{(\w+)(?::?[-=][^}]*)?\}|\((\w+)\)|(\w+))")
_COMMAND_RE = re.compile(r"`|\$\((?:shell\s|[^)]*\s)")  # `$(shell ...)`, `$(git describe)`, backquotes
_MOST = 16  # at most this many readings of one name
_DEPTH = 4
_TRIES = 256  # at most this many words tried for one name: a name appended to many times (`IMAGE=${IMAGE}-x`)


@dataclasses.dataclass(frozen=True, slots=True)
class RunTaggedBuild:
    """A repository a file builds under a tag its run chooses (`oracle/database`), the name as written, and where."""

    repository: str
    written: str
    origin: str
    line: int

    @property
    def where(self) -> str:
        return f"a build of {self.written} (a tag its run chooses) at {self.origin}:{self.line}"


def _computed(tag: str, values: Mapping[str, set[str]]) -> bool:
    """Whether a variable of the tag takes a command's output in the file (`VERSION = $(shell git describe
    --tags)`): a version the build computes, not one its run chooses."""
    names = [match.group(1) or match.group(2) or match.group(3) for match in _VARIABLE_RE.finditer(tag)]
    return any(_COMMAND_RE.search(value) for name in names for value in values.get(name, set()))


def _readings(word: str, values: Mapping[str, set[str]], depth: int = 0, tries: list[int] | None = None) -> list[str]:
    """`word` up to its tag, a variable that is the whole name (`$IMAGE_NAME`) replaced by each value the file gives
    it; a word whose tag holds a variable ends in `:$`, one with a variable left in its repository, or one before it
    (`${REGISTRY}/base`), or whose tag a command computes, is not returned. `tries` counts the words tried, up to
    _TRIES (each value tried again at each depth is exponential in the depth)."""
    tries = [0] if tries is None else tries
    tries[0] += 1
    match = _VARIABLE_RE.search(word)
    if match is None:
        return [word]
    before = word[: match.start()]
    if ":" in before.rpartition("/")[2] and not before.endswith(("/", "@")):  # the tag is reached
        return [] if _computed(word[match.start() :], values) else [before.rpartition(":")[0] + ":$"]
    name = match.group(1) or match.group(2) or match.group(3)
    known = values.get(name, set())
    if depth >= _DEPTH or before or not known:
        return []  # a registry or namespace of a variable names where a user publishes
    out: list[str] = []
    for value in sorted(known, key=lambda value: (value.startswith("$"), value)):  # whole names first
        if ":" not in value.rpartition("/")[2] and not value.startswith("$"):
            continue  # a prefix the word completes (`${REGISTRY}/base:...`), not a whole name
        if tries[0] >= _TRIES:
            break
        for reading in _readings(value + word[match.end() :], values, depth + 1, tries):
            out += [reading] if reading not in out else []
    return out[:_MOST]


def run_tagged_builds(text: str, origin: str) -> list[RunTaggedBuild]:
    """The repositories `text` (a script, a Makefile's recipes) builds under a tag with a variable in it, its
    repository literal once the file's own assignments are put in."""
    values = ShellValues.of(text).values
    out: list[RunTaggedBuild] = []
    for line, written in build_words(text):
        name = written.strip("'\"")
        for reading in _readings(name, values):
            if not reading.endswith(":$") or "$" in reading[:-2]:
                continue  # a literal name (local_builds.py), or a repository not known
            ref = reference_or_none(reading[:-2])
            official = ref is not None and ref.registry == DOCKER_HUB and ref.repository.startswith("library/")
            if ref is not None and ref.tag in (None, "latest") and ref.digest is None and not official:
                out.append(RunTaggedBuild(ref.name, name, origin, line))
    return out


def run_tagged_marked(found: Iterable[Found], texts: Mapping[str, str]) -> list[Found]:
    """`found`, each Dockerfile's use of a tag of a repository a file of `texts` builds under a tag its run chooses
    (`run_tagged_builds`) marked built there; every other use as it was."""
    built: dict[str, RunTaggedBuild] = {}
    for origin, text in sorted(texts.items()):
        for build in run_tagged_builds(text, origin) if "$" in text else []:
            built.setdefault(build.repository, build)
    if not built:
        return list(found)
    out: list[Found] = []
    for item in found:
        ref = reference_or_none(item.text) if item.problem is None and item.built is None else None
        own = built.get(ref.name) if ref is not None and item.kind == DOCKERFILE_KIND else None
        out.append(dataclasses.replace(item, built=own.where) if own is not None else item)
    return out

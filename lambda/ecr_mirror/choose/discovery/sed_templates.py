"""Dockerfile templates whose `FROM` image a script of the tree replaces with sed (pure).

An official-image source tree keeps a template per variant with a placeholder image, `Dockerfile-alpine.template`'s
`FROM alpine:0.0`, `Dockerfile-debian.template`'s `FROM buildpack-deps:name`, and an update script copies it beside
each version and fills the copy in (nodejs/docker-node's `update.sh`: `cp "${template}" "${dockerfile}-tmp"`, then
`sed -Ei -e "s/(alpine:)0.0/\\1${alpine_version}/" "${dockerfile}-tmp"`). The rendered Dockerfiles are built and read
as they are; the template is never built, and its image is no image anything pulls. Read: a `FROM` of a Dockerfile
named as a template (`.template`, `.tmpl`, `.tpl`, `.in`) whose image, tag included, an `s` command of a sed of the
tree's scripts matches, the pattern naming the image's name and the replacement a value the script gives (`$`): a
placeholder, unresolved, naming the sed. A sed's pattern is a regular expression, basic unless `-E`/`-r` make it
extended (https://www.gnu.org/software/sed/manual/sed.html#BRE-vs-ERE); one Python cannot read is not taken. A
Dockerfile of another name whose `FROM` a script bumps in place (`s/golang:1.22/golang:${GO_VERSION}/`) is built as
it is, and still read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import DOCKERFILE_KIND, Found
from ecr_mirror.choose.discovery.sed_fills import sed_expressions
from ecr_mirror.choose.discovery.sed_substitutes import pattern_regex, substitutes

_TEMPLATE_SUFFIXES = (".template", ".tmpl", ".tpl", ".in")


@dataclass(frozen=True, slots=True)
class _Fill:
    pattern: re.Pattern[str]
    source: str  # the pattern as written
    where: str  # SCRIPT:LINE


def _fills(scripts: Mapping[str, str]) -> list[_Fill]:
    """The `s` commands of the scripts' seds whose replacement is a value the script gives."""
    out: list[_Fill] = []
    for shown, text in scripts.items():
        for line, expression, extended in sed_expressions(text):
            for command in substitutes(expression):
                regex = pattern_regex(command.pattern, extended=extended) if "$" in command.replacement else None
                if regex is not None:
                    out.append(_Fill(regex, command.pattern, f"{shown}:{line}"))
    return out


def _fill_of(image: str, fills: Iterable[_Fill]) -> _Fill | None:
    """The first fill whose pattern names `image`'s name and matches it through its tag."""
    name = image.rsplit("/", 1)[-1].split(":", 1)[0].split("@", 1)[0]
    tag_at = image.rfind(":")
    for fill in fills:
        match = fill.pattern.search(image) if name and name in fill.source else None
        if match is not None and match.end() == len(image) and 0 <= match.start() <= tag_at:
            return fill
    return None


def sed_placeholders(found: Iterable[Found], scripts: Mapping[str, str]) -> list[Found]:
    """`found`, each `FROM` of a Dockerfile template whose image a script's sed fills in made unresolved."""
    items = list(found)
    templates = [item for item in items if _placeholder_candidate(item)]
    fills = _fills(scripts) if templates else []
    if not fills:
        return items
    out: list[Found] = []
    for item in items:
        fill = _fill_of(item.text.strip(), fills) if _placeholder_candidate(item) else None
        why = (
            f"{item.text.strip()} is a placeholder a script fills in (sed at {fill.where}), not an image"
            if fill
            else None
        )
        out.append(dataclasses.replace(item, problem=why) if why else item)
    return out


def _placeholder_candidate(item: Found) -> bool:
    named = item.origin.lower().endswith(_TEMPLATE_SUFFIXES)
    return (
        named and item.kind == DOCKERFILE_KIND and item.use.startswith("FROM") and not item.problem and not item.built
    )

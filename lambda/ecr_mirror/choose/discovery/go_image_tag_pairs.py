"""The default images a Go program keeps as a repository constant and a tag constant of the same prefix (pure).

An operator often keeps the image of each component it deploys as two package-level names, the repository and the
tag (or digest) it pins, and joins them when it writes the pod (`argoutil.CombineImageTag(image, version)`):
argocd-operator's `ArgoCDDefaultDexImage = "ghcr.io/dexidp/dex"` beside `ArgoCDDefaultDexVersion =
"sha256:b846..."`, and `DefaultImageUpdaterImage = "quay.io/argoprojlabs/argocd-image-updater"` beside
`DefaultImageUpdaterTag = "v1.2.1"`. Read, in a Go file that is a program's own code (go_program_images.is_program_code,
not an end-to-end suite): a `var` or `const` declaration of `PREFIXImage` (or `PREFIXImageName`, `PREFIXImageRepo`,
`PREFIXImageRepository`: logging-operator's `DefaultFluentbitImageRepository` beside `DefaultFluentbitImageTag`)
bound to a literal repository with no tag or digest that names a registry or a namespace (a `/`), and each
declaration in the same file of `PREFIXTag`, `PREFIXVersion`, `PREFIXImageTag` or `PREFIXImageVersion` (a suffix
after it too: `...VersionHA`) bound to a literal tag or `sha256:` digest; the image is the repository joined with it,
at the repository's line, `use` `image and tag constants (Go program)`. Measured before choosing over every stored
corpus's Go sources (2026-12-06): 14 images, 8 labelled expected, 5 indirect, none unlabelled.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_images import is_e2e
from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.image_parts import DIGEST_RE, TAG_RE
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

USE = "image and tag constants (Go program)"
MAX_IMAGES = 1_000  # images read from one file at most (a file of n repositories and n tags of a prefix makes n²)
_DECLARATION_RE = re.compile(
    r"^(?:(?:var|const)[ \t]+|[ \t]+)(?P<name>[A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*=[ \t]*\"(?P<value>[^\"\\\n]+)\""
    r"[ \t]*(?://.*)?$",
    re.MULTILINE,
)
_REPOSITORY_NAME_RE = re.compile(r"(?P<prefix>\w+?)(?:ImageName|ImageRepository|ImageRepo|Image)")
_TAG_NAME_RE = re.compile(r"(?P<prefix>\w+?)(?:ImageTag|ImageVersion|Tag|Version)(?:[A-Z]\w*)?")


def image_tag_pairs(text: str, origin: str) -> list[Found]:
    """The images a Go program's repository and tag constants make (see the module), in the file's order."""
    if not origin.endswith(".go") or not is_program_code(origin) or is_e2e(text):
        return []
    repositories: list[tuple[str, str, int]] = []
    tags: dict[str, list[str]] = {}
    for declaration in _DECLARATION_RE.finditer(text):
        name, value = declaration["name"], declaration["value"].strip()
        if (named := _REPOSITORY_NAME_RE.fullmatch(name)) is not None:
            if "/" in value and ":" not in value.rsplit("/", 1)[-1] and "@" not in value:
                repositories.append((named["prefix"], value, declaration.start("value")))
        elif (named := _TAG_NAME_RE.fullmatch(name)) is not None and (
            TAG_RE.fullmatch(value) or DIGEST_RE.fullmatch(value)
        ):
            tags.setdefault(named["prefix"], []).append(value)
    lines = LineIndex(text)
    found: list[Found] = []
    for prefix, repository, at in repositories:
        if reference_or_none(repository) is None:
            continue  # no tag makes it an image: not joined with each
        for pinned in dict.fromkeys(tags.get(prefix, [])):
            image = f"{repository}@{pinned}" if pinned.startswith("sha256:") else f"{repository}:{pinned}"
            if reference_or_none(image) is not None:
                found.append(Found(image, origin, lines.line(at), use=USE, kind="Go source"))
                if len(found) >= MAX_IMAGES:
                    return found  # every repository joined with every tag: not one per pair of a hostile file
    return found

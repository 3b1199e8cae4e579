"""Images named by the uses of an annotation of the tree (pure): a JUnit extension that reads its test class's
annotation and gives one attribute to Testcontainers as the image (dolphinscheduler's
`@DolphinSchedulerDatabaseContainer(imageName = "mysql:5.7")`, whose provider runs `new
MySQLContainer(DockerImageName.parse(dataSourceContainer.imageName()))`). Read: in a Java or Kotlin source that uses
Testcontainers, `DockerImageName.parse(X.ATTR())` or a container class's constructor given `X.ATTR()` first, where
the file declares `X` with a type (a parameter or a variable: `DolphinSchedulerDatabaseContainer
dataSourceContainer`); then, in every Java or Kotlin source of the tree, each `@TYPE(ATTR = "...")` (`@TYPE("...")`
for `value`) with a literal string, at its line (its arguments may hold an annotation's own, `migration =
@Migration(...)`); `use` is `annotation @TYPE(ATTR)`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

_GIVEN_RE = re.compile(
    r"(?:\bDockerImageName\s*\.\s*parse|\bnew\s+[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?)\(\s*"
    r"(?P<receiver>[a-z_]\w*)\s*\.\s*(?P<attribute>[a-z_]\w*)\(\s*\)"
)


def image_attributes(text: str) -> set[tuple[str, str]]:
    """(annotation type, attribute) of each `X.ATTR()` a Testcontainers source gives as an image, X declared with
    its type in the file."""
    pairs: set[tuple[str, str]] = set()
    for given in _GIVEN_RE.finditer(text):
        receiver = re.escape(given["receiver"])
        declared = re.search(rf"\b(?P<type>[A-Z]\w*)\s+{receiver}\b(?!\s*\()", text) or re.search(
            rf"\b{receiver}\s*:\s*(?P<type>[A-Z]\w*)\b", text
        )
        if declared is not None:
            pairs.add((declared["type"], given["attribute"]))
    return pairs


def annotated_images(text: str, origin: str, pairs: set[tuple[str, str]]) -> list[Found]:
    """The images the uses of the annotations of `pairs` in a Java or Kotlin source name, in the file's order."""
    language = language_of(origin)
    if language not in ("Java", "Kotlin"):
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for annotation, attribute in sorted(pairs):
        for use in re.finditer(rf"@{re.escape(annotation)}\s*\((?P<arguments>(?:[^()]|\([^()]*\))*)\)", text):
            arguments = use["arguments"]
            literal = re.search(rf"(?:^|[\s,(]){re.escape(attribute)}\s*=\s*\"(?P<image>[^\"\\\n]+)\"", arguments)
            if literal is None and attribute == "value":
                literal = re.fullmatch(r"\s*\"(?P<image>[^\"\\\n]+)\"\s*", arguments)
            if literal is None or reference_or_none(literal["image"]) is None or lines.led_by(use.start(), "//"):
                continue
            line = lines.line(use.start("arguments") + literal.start("image"))
            use_name = f"annotation @{annotation}({attribute})"
            found.append(Found(literal["image"], origin, line, None, use_name, f"{language} source"))
    return sorted(found, key=lambda item: item.line or 0)

"""The image constants of a Go test suite's helper package (pure).

A test framework's helper packages (`test/helpers/receiver`, `test/framework/functional`: Go files under a directory
of tests, not `_test.go`) keep the image of each container they add to the pods their suites create in a cluster in a
constant or variable named for an image: `const Image = "docker.io/acme/receiver:3.3.2"` given to `Image: Image`,
`minioImage = "quay.io/minio/minio:RELEASE..."` handed to a pod builder. Read: each name the file binds to a literal
(or a constant join of literals, go_literal_bindings.py) named `Image`, or ending in `Image` or `Img` (as
go_e2e_images.py reads a suite's own), whose value names a registry or a namespace and has a tag or a digest, and
that is used: exported (other packages of the suite take it), or named again in the file. Listed at the literal's
line, `use` `image constant (Go test helper)`. Not read: a unit test's (`_test.go`) constants (fixtures compared), a
program's own packages, an untagged value (a name the suite builds, or a repository a tag is joined to elsewhere), a
lowercase name the file does not use, one a line of the file builds or loads (`docker build -t`), a commented line.
A join that starts with a name the file binds to a literal (`KafkaImage = repoOrg + "kafka:" + tag`) is bound whole
(go_literal_bindings.py).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_created_objects import is_test_code
from ecr_mirror.choose.discovery.go_literal_bindings import literal_bindings
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

USE = "image constant (Go test helper)"
_IMAGE_NAME_RE = re.compile(r"\w*(?:Image|Img)", re.IGNORECASE)
_TAGGED_RE = re.compile(r"@|:[^/]*$")
_BUILDS_RE = re.compile(r"build(?!er)|\bLoad\w*Image|\bload\b|dockerfile", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z_]\w*")


def helper_image_constants(text: str, origin: str) -> list[Found]:
    """The tagged images the file's used constants named for images hold, in order."""
    if origin.endswith("_test.go") or not is_test_code(origin):
        return []
    named = [(name, values, start) for name, values, start in literal_bindings(text) if _IMAGE_NAME_RE.fullmatch(name)]
    if not named:
        return []
    words: dict[str, int] = {}
    building: set[str] = set()
    for line in text.split("\n"):
        names = set(_WORD_RE.findall(line))
        building |= names if _BUILDS_RE.search(line) else set()
        for word in names & {name for name, _, _ in named}:
            words[word] = words.get(word, 0) + 1
    lines = LineIndex(text)
    found: list[Found] = []
    for name, values, start in named:
        value = next(iter(values))
        if len(values) != 1 or name in building or not (name[0].isupper() or words.get(name, 0) > 1):
            continue
        if "/" not in value or not _TAGGED_RE.search(value) or reference_or_none(value) is None:
            continue
        found.append(Found(value, origin, lines.line(start), use=USE, kind="Go source"))
    return found

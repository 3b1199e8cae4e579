"""The etcd image jetcd's test launcher starts (pure): jetcd-launcher and jetcd-test (Java packages
`io.etcd.jetcd.launcher`, `io.etcd.jetcd.test`) run etcd in a Testcontainers container, and a test picks its image
with the builder's `.withImage(...)` (`EtcdClusterExtension.builder().withNodes(1).withImage("ibmcom/etcd:3.2.24")`:
apache/dolphinscheduler's etcd registry tests). Read in a Java or Kotlin file that imports either package: the
argument when it is a literal string, or a name the file binds to literals (source_names.py), at the literal's line;
`use` is `jetcd launcher`. The launcher's own default image (when no `.withImage` is given) is the library's, not
read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import call_images
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

MARK = "io.etcd.jetcd."
_IMPORT_RE = re.compile(r"^\s*import\s+(?:static\s+)?io\.etcd\.jetcd\.(?:launcher|test)\b", re.MULTILINE)
_WITH_IMAGE_RE = re.compile(r"\.\s*withImage\(\s*(?:\"(?P<image>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*))\s*\)")
USE = "jetcd launcher"


def jetcd_images(text: str, origin: str) -> list[Found]:
    """The images the jetcd launcher builders of a Java or Kotlin source are given, in the file's order."""
    language = language_of(origin)
    if language not in ("Java", "Kotlin") or _IMPORT_RE.search(text) is None:
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for offset, image in call_images(text, _WITH_IMAGE_RE.finditer(text), ("//", "*")):
        if reference_or_none(image) is not None:
            found.append(Found(image, origin, lines.line(offset), None, USE, f"{language} source"))
    return found

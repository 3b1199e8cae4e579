"""Images a Go test hands an image scanner as a `registry:` source (pure).

Tools built on stereoscope (syft, grype) take the image to scan with a source scheme; `registry:` makes them "pull
image directly from a registry (no container runtime required)" (https://github.com/anchore/syft#supported-sources,
the same list in grype's README). A CLI test of such a tool runs it with one (`args: []string{"-o", "json",
"registry:busybox:1.31"}`). Read in a Go test file (`_test.go`): a one-word string literal `registry:IMAGE` whose
image has a tag or a digest, written as an argument (after `(` or `,`) or an element of a list (after `{`), at its
line. Not read: an image without a tag or digest (`registry:alpine`), a `registry:5000/...` (a host named
`registry` and its port), and a literal bound to a name or compared (`scope := "registry:catalog:search"`: a
registry token's scope, https://distribution.github.io/distribution/spec/auth/scope/, is written so).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

MARK = b'"registry:'
USE = "registry: source (stereoscope)"
_SOURCE_RE = re.compile(r'(?<=[(,{])\s*"registry:(?P<image>[A-Za-z][^"\s\\]*?(?::[\w][\w.-]*|@sha256:[0-9a-f]{64}))"')


def registry_sources(text: str, origin: str) -> list[Found]:
    """The images a Go test's `registry:` source literals pull, in order."""
    if not origin.endswith("_test.go"):
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for source in _SOURCE_RE.finditer(text):
        image = source["image"]
        if lines.led_by(source.start("image"), "//") or reference_or_none(image) is None:
            continue
        found.append(Found(image, origin, lines.line(source.start("image")), use=USE, kind="Go source"))
    return found

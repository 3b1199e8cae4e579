"""The images Go code tells an operator to deploy through its `RELATED_IMAGE_*` environment variables (pure).

An operator built with the Operator Framework's convention reads the images it deploys from environment variables
named `RELATED_IMAGE_*` (https://sdk.operatorframework.io/docs/advanced-topics/multi-arch/#related-images; its
Deployment's `env:` is read as a manifest: related_images.py). A Go test that runs the operator's reconciler sets them
itself before creating the resources (cockroach-operator's `e2e/upgradessha256` suite:
`os.Setenv("RELATED_IMAGE_COCKROACH_v20_2_8", "cockroachdb/cockroach@sha256:...")`, then a `CrdbCluster` at that
version, whose pods the cluster pulls). Read in a Go file: `os.Setenv` and the testing package's `t.Setenv` (any
receiver: `b.Setenv`, `s.T().Setenv`) of a literal `RELATED_IMAGE_*` name to a literal string, or to a name the file
binds to literals (source_names.py), with a tag or a digest (`RELATED_IMAGE_DB_NAME`, `"cockroachdb"`, names a pod),
at the value's line; `use` `os.Setenv RELATED_IMAGE_*`. A call in a comment, a value from a call or another file, is
not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import call_images
from ecr_mirror.oci.reference import reference_or_none

MARK = b"RELATED_IMAGE_"
_SETENV_RE = re.compile(
    r"\b(?:os|[A-Za-z_]\w*(?:\(\))?)\.Setenv\(\s*\"(?P<variable>RELATED_IMAGE_\w+)\"\s*,\s*"
    r"(?:\"(?P<image>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*))\s*\)"
)
USE = "os.Setenv RELATED_IMAGE_*"


def may_set_related_images(shown: str, data: bytes) -> bool:
    """Whether a source may set an operator's related images: a Go file holding `RELATED_IMAGE_` and `Setenv(`."""
    return shown.endswith(".go") and MARK in data and b"Setenv(" in data


def _pinned(image: str) -> bool:
    reference = reference_or_none(image, default_tag=None)
    return reference is not None and (reference.tag is not None or reference.digest is not None)


def go_related_images(text: str, origin: str) -> list[Found]:
    """The images the `RELATED_IMAGE_*` variables a Go source sets name, in the file's order."""
    lines = LineIndex(text)
    found: list[Found] = []
    for offset, image in call_images(text, _SETENV_RE.finditer(text), ("//", "*", "/*")):
        if _pinned(image.strip()):
            found.append(Found(image.strip(), origin, lines.line(offset), None, USE, "Go source"))
    return found

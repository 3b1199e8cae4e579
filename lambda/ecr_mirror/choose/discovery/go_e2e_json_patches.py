"""Container images a Go end-to-end suite sets with a JSON Patch (pure).

A suite that changes a deployed object writes the change as a JSON Patch (RFC 6902, https://jsonpatch.com): an
operation `{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "nginx:1.17.4-alpine"}`,
handed to the suite's helper that patches the object or the file the cluster syncs from (argo-cd's
`test/e2e/deployment_test.go`, `PatchFile("deployment.yaml", ...)` then `Sync()`), or to `kubectl patch --type=json`.
The cluster then pulls the new image. Read: each operation, one JSON object of the file (in a raw string, or an
interpreted one with its quotes escaped), whose `op` is `replace` or `add`, whose `path` ends in
`containers/N/image` (`initContainers`, `ephemeralContainers` too) and whose `value` is a literal image reference
with a registry, a namespace or a tag, at the value's line. Not read: another path (`/spec/replicas`), a `remove` or
`test` operation, an image without a tag (most often one the suite builds), and any of them outside a suite
(go_e2e_images.py decides which files are).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

_Q = r'\\?"'  # a quote, escaped in an interpreted Go string
_OBJECT_RE = re.compile(r"\{[^{}]*\}")
_OP_RE = re.compile(_Q + r"op" + _Q + r"\s*:\s*" + _Q + r"(?:replace|add)" + _Q)
_PATH_RE = re.compile(_Q + r"path" + _Q + r"\s*:\s*" + _Q + r"/[^\"\\]*/(?:initC|ephemeralC|c)ontainers/\d+/image" + _Q)
_VALUE_RE = re.compile(_Q + r"value" + _Q + r"\s*:\s*" + _Q + r"([^\"\\\s]+)" + _Q)
_QUALIFIED_RE = re.compile(r"[/:@]")


def json_patch_images(text: str, origin: str) -> list[Found]:
    """The images the JSON Patch operations of a suite's Go file set on a container, in order."""
    found: list[Found] = []
    lines: LineIndex | None = None
    for operation in _OBJECT_RE.finditer(text):
        body = operation.group(0)
        if _OP_RE.search(body) is None or _PATH_RE.search(body) is None:
            continue
        if (value := _VALUE_RE.search(body)) is None or not _QUALIFIED_RE.search(image := value.group(1)):
            continue
        if reference_or_none(image) is None:
            continue
        lines = lines or LineIndex(text)
        at = operation.start() + value.start(1)
        found.append(Found(image, origin, lines.line(at), None, "image (JSON patch, e2e test)", "Go source"))
    return found

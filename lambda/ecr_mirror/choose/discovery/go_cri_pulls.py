"""Images a Go program pulls through the Kubernetes Container Runtime Interface (pure).

https://github.com/kubernetes/cri-api: an integration test or a node agent asks the runtime (containerd, CRI-O) to
pull an image with the image service's `PullImage`, as `crictl pull` does: `imageClient.PullImage(ctx,
&runtimeapi.PullImageRequest{Image: &runtimeapi.ImageSpec{Image: "ghcr.io/spegel-org/spegel:v0.7.4"}})`. Read in a
Go file that imports the CRI API (`k8s.io/cri-api/pkg/apis/runtime/v1`, `v1alpha2`), the `Image` of the `ImageSpec`
of a `PullImageRequest` written in the `PullImage(` call, when it is a literal string or a name the same file binds
to literals (at the literal's line, source_names.py); a value known only when the program runs (a parameter,
`img.String()`) adds nothing, nor do the other requests (`RemoveImageRequest`, `ImageStatusRequest`). `use` is `CRI
PullImage`, `kind` `Go source`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = "k8s.io/cri-api/pkg/apis/runtime/"
_PULL_RE = re.compile(
    r"\.PullImage\(\s*[\w.]+(?:\(\s*\))?\s*,\s*&?\s*[\w.]*PullImageRequest\s*\{\s*Image:\s*&?\s*[\w.]*ImageSpec\s*\{"
    r"\s*Image:\s*(?:\"(?P<literal>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*)\s*[,}])"
)


def cri_pulls(text: str, origin: str) -> list[Found]:
    """The images a Go source pulls through the CRI image service's `PullImage`, in the file's order."""
    if f'"{MARK}' not in text:
        return []
    names = SourceNames.of(text)
    given: set[tuple[int, str]] = set()
    lines = LineIndex(text)
    for match in _PULL_RE.finditer(text):
        if lines.led_by(match.start(), "//"):
            continue
        if match["literal"] is not None:
            given.add((match.start("literal"), match["literal"]))
        else:
            given |= set(names.values(match["name"]))
    return [
        Found(image, origin, lines.line(at), use="CRI PullImage", kind="Go source")
        for at, image in sorted(given)
        if reference_or_none(image) is not None
    ]

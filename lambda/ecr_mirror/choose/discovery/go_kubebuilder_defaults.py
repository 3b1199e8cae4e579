"""The default images an operator's Go API types give their fields with kubebuilder markers (pure).

`// +kubebuilder:default="couchbase/operator-backup:1.4.1"` (or `:=`) over a field `Image string
`json:"image"`` is written by controller-gen into the CRD it generates as that property's `default`
(https://book.kubebuilder.io/reference/markers/crd-validation, "default"), which the API server writes into every
resource leaving the field out, and the operator runs the image it names (crd_default_images.py reads the same
default in a generated CRD; many operators generate theirs at build time and commit none: couchbase-operator's
`pkg/apis/couchbase/v2/types.go`, `couchbase/operator-backup:1.4.1`, `couchbase/fluent-bit:1.2.9`,
`busybox:1.33.1`). Read, in a Go file that is not a test: a marker in the comment lines right above a struct field
(no blank line between) whose Go name or JSON name is `image` or names an image (image_keys.image_name:
`CleanupImage`, `sidecarImage`), when the default is one string written with a tag or a digest; an untagged default
(tagged by the operator) and a default of another field (`imagePullPolicy`) are not read. `use` is `NAME (kubebuilder
default)`, NAME the field's JSON name.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import image_name, pinned_reference
from ecr_mirror.choose.discovery.line_index import LineIndex

MARK = b"+kubebuilder:default"
# the marker's line (`\r?`: a file of CRLF lines too)
_MARKER_RE = re.compile(
    r"^[ \t]*//[ \t]*\+kubebuilder:default:?=[ \t]*(?:\"(?P<quoted>[^\"\\\n]*)\"|(?P<bare>[^\s\"]+))[ \t]*\r?$",
    re.MULTILINE,
)
_COMMENTS_RE = re.compile(r"(?:[ \t]*//[^\n]*\n)*")  # the rest of the field's comment lines
_FIELD_RE = re.compile(r"[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]+[\w.*\[\]]+[ \t]*(?:`(?P<tag>[^`\n]*)`)?")
_JSON_RE = re.compile(r"\bjson:\"(?P<json>[^\",]*)")


def kubebuilder_default_images(text: str, origin: str) -> list[Found]:
    """The images a Go file's `+kubebuilder:default` markers give image fields (see the module), in file order."""
    if not origin.endswith(".go") or origin.endswith("_test.go"):
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    comments_end = -1  # where the run of comment lines after the last marker ends: a marker within it shares it
    for marker in _MARKER_RE.finditer(text):
        value = marker["quoted"] if marker["quoted"] is not None else marker["bare"]
        if marker.end() + 1 > comments_end:  # else the run is known: not matched again once a marker (quadratic)
            rest = _COMMENTS_RE.match(text, marker.end() + 1)
            comments_end = rest.end() if rest is not None else len(text) + 1
        field = _FIELD_RE.match(text, comments_end) if comments_end <= len(text) else None
        if field is None or not pinned_reference(value):
            continue
        json = _JSON_RE.search(field["tag"] or "")
        key = json["json"] if json is not None and json["json"] else field["name"]
        if not any(name.lower() == "image" or image_name(name) for name in (field["name"], key)):
            continue
        start = marker.start("quoted") if marker["quoted"] is not None else marker.start("bare")
        found.append(Found(value, origin, lines.line(start), use=f"{key} (kubebuilder default)", kind="Go source"))
    return found

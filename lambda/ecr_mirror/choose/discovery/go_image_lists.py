"""The default image list of a Go test suite's helper package (pure).

An integration suite that pulls its test images by name keeps them in one struct of strings, filled with defaults
that a file given when the suite runs may override: containerd's `integration/images/image_list.go` declares `type
ImageList struct { Alpine string; BusyBox string; Pause string; ... }` and fills it with `ImageList{Alpine:
"ghcr.io/containerd/alpine:3.14.0", Pause: "registry.k8s.io/pause:3.10.2", ...}`; its tests pull each through
`images.Get(images.Alpine)`. Read, in a Go file of a suite's helper package (not `_test.go`, under a directory of
tests: `integration`, `test`, `e2e`, ..., see go_created_objects.py): a struct type the file declares whose name is
for images (`ImageList`, `TestImages`, `imageConfig`) and whose fields are all `string`s, and each literal of it in
the file (`TYPE{`, `&TYPE{`) giving a field a literal string that is an image reference naming a registry or a
namespace and a tag or a digest, at the literal's line, `use` `image list (Go test)`. Not read: a struct of another
name or with a field of another type, a value without a tag or digest (`ghcr.io/acme/tool`, tagged when it runs) or a
bare `builder:dev` (an image the suite builds), a commented line, a unit test's (`_test.go`) literals (fixtures a
test compares), and a program's own packages.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_created_objects import is_test_code
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

MARK = b" struct {"
USE = "image list (Go test)"
_TYPE_RE = re.compile(r"^type[ \t]+(\w*(?:Image|Img)\w*)[ \t]+struct[ \t]*\{(?P<body>[^{}]*)\}", re.MULTILINE | re.I)
_FIELD_LINE_RE = re.compile(r"[ \t]*([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]+string[ \t]*(?:`[^`\n]*`)?")
_COMMENT_RE = re.compile(r"//[^\n]*")
_VALUE_RE = re.compile(r"(?<![\w.])[A-Za-z_]\w*[ \t]*:[ \t]*\"([^\"\\\n]+)\"")
_TAGGED_RE = re.compile(r"@|:[^/]*$")


def _string_structs(text: str) -> list[str]:
    """The struct types the file declares named for images whose fields (two at least) are all strings."""
    names: list[str] = []
    for declared in _TYPE_RE.finditer(text):
        lines = [line.strip() for line in _COMMENT_RE.sub("", declared["body"]).split("\n")]
        fields = [line for line in lines if line]
        if len(fields) >= 2 and all(_FIELD_LINE_RE.fullmatch(field) for field in fields):
            names.append(declared.group(1))
    return names


def literal_end(text: str, at: int) -> int:
    """The offset of the `}` closing the composite literal whose `{` is just before `at` (the text's end if none)."""
    depth = 1
    for position in range(at, len(text)):
        character = text[position]
        depth += 1 if character == "{" else -1 if character == "}" else 0
        if depth == 0:
            return position
    return len(text)


def image_list_images(text: str, origin: str) -> list[Found]:
    """The images the literals of a suite helper's image-list struct give its fields, in order."""
    if origin.endswith("_test.go") or not is_test_code(origin):
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for name in _string_structs(text):
        for literal in re.finditer(rf"(?<![\w.]){re.escape(name)}[ \t]*\{{", text):
            if lines.led_by(literal.start(), ("type", "//")):
                continue
            body_end = literal_end(text, literal.end())
            for value in _VALUE_RE.finditer(text, literal.end(), body_end):
                image = value.group(1)
                if lines.led_by(value.start(), "//") or "/" not in image or not _TAGGED_RE.search(image):
                    continue
                if reference_or_none(image) is not None:
                    found.append(Found(image, origin, lines.line(value.start(1)), use=USE, kind="Go source"))
    return found
